// The code lists of a profile being edited (docs/exchange.md § The standard code lists): per field,
// CertDesk's value → the platform's code, as rows the officer edits, adds and removes, and 恢复默认
// puts back the list a new profile starts with (none for 考生来源 and 认定分类: no national list).
import { Alert, AutoComplete, Button, Input, Popconfirm, Space, Table, Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { ETHNICITIES, ORIGINS, RECOGNITIONS } from '../../../../services/vocabulary/people';

/** One list as the editor holds it: rows in order, so a value can be retyped and a new row left blank. */
export type CodeRows = Record<string, [string, string][]>;

/** The fields whose lists the editor always offers; a profile's other lists follow them. */
export const CODE_FIELDS = ['idType', 'education', 'ethnicity', 'recognition', 'origin', 'gender'] as const;

/** The values CertDesk keeps for a field, offered as the officer types a row's value. */
function knownValues(field: string, standard: Record<string, Record<string, string>>): string[] {
  if (field === 'ethnicity') return ETHNICITIES.map(([, name]) => name);
  if (field === 'origin') return [...ORIGINS];
  if (field === 'recognition') return Object.values(RECOGNITIONS);
  return Object.keys(standard[field] ?? {});
}

export function toRows(codes: Record<string, Record<string, string>>): CodeRows {
  return Object.fromEntries(Object.entries(codes).map(([field, list]) => [field, Object.entries(list)]));
}

/** Rows back to lists; an empty list is left out, so a field with no codes is written as its words. */
export function fromRows(rows: CodeRows): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(rows).flatMap(([field, list]) => (list.length ? [[field, Object.fromEntries(list.map(([v, c]) => [v.trim(), c.trim()]))]] : [])));
}

export function ProfileCodes({
  rows,
  onChange,
  standard,
  fieldTitle,
  uncoded,
}: {
  /** Fields a column holds without going through the code list: their codes would not be used. */
  uncoded: ReadonlySet<string>;
  rows: CodeRows;
  onChange(next: CodeRows): void;
  standard: Record<string, Record<string, string>>;
  fieldTitle(field: string): string;
}) {
  const { t } = useI18n();
  const fields = [...CODE_FIELDS, ...Object.keys(rows).filter((f) => !(CODE_FIELDS as readonly string[]).includes(f))];
  const set = (field: string, list: [string, string][]) => onChange({ ...rows, [field]: list });

  return (
    <Tabs
      size="small"
      data-testid="profile-codes"
      items={fields.map((field) => {
        const list = rows[field] ?? [];
        const edit = (i: number, at: 0 | 1, text: string) => set(field, list.map((r, j) => (j === i ? ((at === 0 ? [text, r[1]] : [r[0], text]) as [string, string]) : r)));
        const options = knownValues(field, standard).map((v) => ({ value: v }));
        return {
          key: field,
          label: `${fieldTitle(field)}${list.length ? ` (${list.length})` : ''}`,
          children: (
            <div data-testid={`codes-${field}`}>
              <Space style={{ marginBottom: 8 }}>
                <Button size="small" onClick={() => set(field, [...list, ['', '']])} data-testid={`codes-add-${field}`}>
                  {t('profiles.addCode')}
                </Button>
                <Popconfirm title={t('profiles.restoreConfirm')} onConfirm={() => set(field, Object.entries(standard[field] ?? {}))}>
                  <Button size="small">{t('profiles.restoreDefault')}</Button>
                </Popconfirm>
                <span className="muted" style={{ fontSize: 12 }}>
                  {standard[field] ? t('profiles.codesHint') : t('profiles.codesNoStandard')}
                </span>
              </Space>
              {list.length && uncoded.has(field) ? (
                <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('profiles.codesUnused', { field: fieldTitle(field) })} data-testid={`codes-unused-${field}`} />
              ) : null}
              <Table<[string, string]>
                size="small"
                rowKey={(_r) => String(list.indexOf(_r))}
                dataSource={list}
                pagination={false}
                scroll={{ y: 260 }}
                style={{ maxWidth: 640 }}
                locale={{ emptyText: t('profiles.noCodes') }}
                columns={[
                  {
                    title: t('profiles.ourValue'),
                    render: (_v, r, i) => (
                      <AutoComplete
                        size="small"
                        value={r[0]}
                        options={options}
                        filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                        onChange={(v: string) => edit(i, 0, v)}
                        style={{ width: '100%' }}
                      />
                    ),
                  },
                  {
                    title: t('profiles.platformCode'),
                    width: 160,
                    render: (_v, r, i) => (
                      <Input size="small" value={r[1]} status={r[1].trim() ? undefined : 'error'} onChange={(e) => edit(i, 1, e.target.value)} data-testid={`code-${field}-${r[0]}`} />
                    ),
                  },
                  {
                    title: '',
                    width: 60,
                    render: (_v, _r, i) => (
                      <Button size="small" type="link" danger onClick={() => set(field, list.filter((_x, j) => j !== i))}>
                        {t('profiles.removeCode')}
                      </Button>
                    ),
                  },
                ]}
              />
            </div>
          ),
        };
      })}
    />
  );
}
