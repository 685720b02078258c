// One export profile being edited as a whole (docs/exchange.md § Made from the platform's
// template): its name, what each row is, the date format, the template's header rows as found,
// each column's field (suggested from the header's wording), coded and required, and the code
// lists. Saved in one step; the server names every problem at once and nothing is kept until
// they are fixed.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Select, Space, Table, Tag, Typography, theme } from 'antd';
import { useI18n } from '../../i18n';
import { rpc, RpcError, type OpArgs, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';
import { fromRows, ProfileCodes, toRows, type CodeRows } from './ProfileCodes';

export type Definition = OpArgs<'profiles.save'>['definition'];
type Column = Definition['columns'][number];
type Field = OpResult<'profiles.fields'>[number];

export interface Draft {
  name: string;
  /** The saved name of the profile being edited (a rename moves it); none for a new one. */
  previousName?: string;
  definition: Definition;
  /** The template's rows above the header and its header row, as written (a profile made from a template). */
  headerRows?: string[][];
  /** Headers no field matched when the template was read. */
  unmatched?: string[];
}

const DATE_FORMATS: Definition['dateFormat'][] = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/M/D'];

/** Excel's column letters: A … Z, AA …, as the template shows them. */
function letter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** How many columns the template cell at (row, col) spans: 0 when a merge to its left covers it. */
function spanAt(merges: readonly string[] | undefined, row: number, col: number): number {
  for (const m of merges ?? []) {
    const r = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m);
    if (!r || row < Number(r[2]) || row > Number(r[4])) continue;
    const [from, to] = [colNumber(r[1]!), colNumber(r[3]!)];
    if (col === from && row === Number(r[2])) return to - from + 1;
    if (col >= from && col <= to) return 0;
  }
  return 1;
}

export function ProfileForm({
  draft,
  fields,
  standard,
  onSaved,
  onCancel,
}: {
  draft: Draft;
  fields: Field[];
  standard: Record<string, Record<string, string>>;
  onSaved(name: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(draft.name);
  const [definition, setDefinition] = useState(draft.definition);
  const [codes, setCodes] = useState<CodeRows>(() => toRows(draft.definition.codes));
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();
  const unmatched = new Set(draft.unmatched ?? []);
  const errorBox = useRef<HTMLDivElement>(null);
  const { token } = theme.useToken();
  // Saved from anywhere down the form: bring the reasons into view.
  useEffect(() => {
    if (error) errorBox.current?.scrollIntoView({ block: 'start' });
  }, [error]);

  const fieldTitle = (field: string) => {
    const title = fields.find((f) => f.field === field)?.title ?? field;
    return field === 'level' ? t('profiles.levelDigit', { title }) : field === 'levelLabel' ? t('profiles.levelLabel', { title }) : title;
  };
  const setColumn = (i: number, change: Partial<Column>) => setDefinition((d) => ({ ...d, columns: d.columns.map((c, j) => (j === i ? { ...c, ...change } : c)) }));
  const empty = definition.columns.filter((c) => c.field === null && c.header.trim() !== '' && !c.required);

  const save = () =>
    run(async () => {
      setProblems([]);
      try {
        const saved = await rpc('profiles.save', { name: name.trim(), previousName: draft.previousName, definition: { ...definition, codes: fromRows(codes) } });
        onSaved(saved.name);
      } catch (e) {
        const listed = e instanceof RpcError ? (e.details as { problems?: string[] } | undefined)?.problems : undefined;
        if (listed) {
          // The list below says each problem; the banner says only that nothing was saved.
          setProblems(listed);
          throw new RpcError('PROFILE_INVALID', t('profiles.notSaved'));
        }
        throw e;
      }
    });

  return (
    <div data-testid="profile-form">
      {/* Kept in view above the long form: the buttons, and why a save was refused. */}
      <div ref={errorBox} style={{ position: 'sticky', top: -24, zIndex: 3, background: token.colorBgElevated, padding: '8px 0', marginTop: -8 }}>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="profile-save">
            {t('profiles.save')}
          </Button>
          <Button onClick={onCancel}>{t('profiles.cancel')}</Button>
        </Space>
        {error ? (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => (setError(null), setProblems([]))}
            style={{ marginTop: 8 }}
            data-testid="profile-error"
            message={error}
            description={
              problems.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
      </div>
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('profiles.name')}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} style={{ width: 220 }} data-testid="profile-name" />
        </Form.Item>
        <Form.Item label={t('profiles.rows')}>
          <Select
            value={definition.rows}
            onChange={(rows) => setDefinition((d) => ({ ...d, rows }))}
            style={{ width: 240 }}
            options={[
              { value: 'passed', label: t('profiles.rowsPassed') },
              { value: 'certificates', label: t('profiles.rowsCertificates') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('profiles.dateFormat')}>
          <Select value={definition.dateFormat} onChange={(dateFormat) => setDefinition((d) => ({ ...d, dateFormat }))} style={{ width: 140 }} options={DATE_FORMATS.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
      </Form>

      <Typography.Text strong>{t('profiles.template')}</Typography.Text>
      <Typography.Paragraph className="muted" style={{ fontSize: 12, marginBottom: 4 }} data-testid="profile-sheet">
        {t('profiles.sheetAt', { sheet: definition.sheetName, row: definition.headerRow })}
      </Typography.Paragraph>
      {draft.headerRows ? (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <table className="profile-template" data-testid="profile-header-rows" style={{ borderCollapse: 'collapse', fontSize: 12 }}>
            <tbody>
              {draft.headerRows.map((cells, r) => (
                <tr key={r}>
                  <td style={{ padding: '2px 6px', color: '#999' }}>{r + 1}</td>
                  {cells.map((c, i) => {
                    const span = spanAt(definition.merges, r + 1, i + 1);
                    return span === 0 ? null : (
                      <td key={i} colSpan={span} style={{ border: '1px solid #e5e5e5', padding: '2px 6px', whiteSpace: 'nowrap', fontWeight: r === draft.headerRows!.length - 1 ? 600 : 400 }}>
                        {c}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <Typography.Text strong>{t('profiles.columns')}</Typography.Text>
      <Table<Column>
        size="small"
        rowKey={(c) => String(definition.columns.indexOf(c))}
        dataSource={definition.columns}
        pagination={false}
        scroll={{ y: 320 }}
        style={{ margin: '4px 0 12px' }}
        data-testid="profile-columns"
        columns={[
          { title: t('profiles.column'), width: 50, render: (_v, _c, i) => letter(i) },
          {
            title: t('profiles.header'),
            render: (_v, c) => (
              <Space size={4}>
                <span>{c.header || <span className="muted">{t('profiles.noHeader')}</span>}</span>
                {unmatched.has(c.header) && c.field === null ? <Tag color="orange">{t('profiles.unmatched')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('profiles.field'),
            width: 260,
            render: (_v, c, i) => (
              <Select
                size="small"
                value={c.field ?? ''}
                showSearch
                optionFilterProp="label"
                style={{ width: '100%' }}
                status={c.field === null && c.required ? 'error' : undefined}
                onChange={(v: string) => setColumn(i, { field: v || null })}
                data-testid={`column-field-${i}`}
                options={[{ value: '', label: t('profiles.leaveEmpty') }, ...fields.map((f) => ({ value: f.field, label: fieldTitle(f.field) }))]}
              />
            ),
          },
          {
            title: t('profiles.coded'),
            width: 80,
            render: (_v, c, i) => <Checkbox checked={!!c.coded} disabled={c.field === null} onChange={(e) => setColumn(i, { coded: e.target.checked })} />,
          },
          {
            title: t('profiles.required'),
            width: 70,
            render: (_v, c, i) => <Checkbox checked={!!c.required} onChange={(e) => setColumn(i, { required: e.target.checked })} data-testid={`column-required-${i}`} />,
          },
        ]}
      />
      {empty.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('profiles.leftEmpty', { headers: empty.map((c) => `「${c.header}」`).join('、') })} />
      ) : null}

      <Typography.Text strong>{t('profiles.codes')}</Typography.Text>
      <ProfileCodes rows={codes} onChange={setCodes} standard={standard} fieldTitle={fieldTitle} uncoded={new Set(definition.columns.flatMap((c) => (c.field && !c.coded ? [c.field] : [])))} />
    </div>
  );
}
