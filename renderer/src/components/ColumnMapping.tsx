// 列对应: the columns of an imported sheet as they were read, and what each one means. A column the
// import could not match (a header wording of its own) is mapped here by hand; the import remembers
// the mapping for the next file with the same header (services/spreadsheets/mappings.ts).
import { useEffect, useMemo, useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import { RpcError } from '../rpc';
import { useRpc } from '../useRpc';

export type ImportKind = 'roster' | 'scores' | 'certificates' | 'trainingAttendance' | 'trainingTrainees';
/** Column letter → field key; '' leaves the column out. */
export type Mapping = Record<string, string>;

export interface SheetColumn {
  letter: string;
  title: string;
  field: string | null;
  source: 'auto' | 'remembered' | 'manual' | null;
}

/** The columns an IMPORT_COLUMNS_MISSING refusal carries, so the officer can map them at once. */
export function unmatchedColumns(e: unknown): { columns: SheetColumn[]; missing: string[] } | null {
  if (!(e instanceof RpcError) || e.code !== 'IMPORT_COLUMNS_MISSING') return null;
  const details = e.details as { columns?: SheetColumn[]; missing?: string[] } | undefined;
  return details?.columns ? { columns: details.columns, missing: details.missing ?? [] } : null;
}

const SOURCE_COLOURS = { auto: 'default', remembered: 'cyan', manual: 'blue' } as const;

export function ColumnMapping({
  kind,
  columns,
  missing = [],
  busy,
  onApply,
}: {
  kind: ImportKind;
  columns: readonly SheetColumn[];
  missing?: readonly string[];
  busy: boolean;
  /** The columns the officer changed, to read the file again with. */
  onApply(changes: Mapping): void;
}) {
  const { t } = useI18n();
  const fields = useRpc('spreadsheets.fields', { kind });
  const detected = useMemo(() => Object.fromEntries(columns.map((c) => [c.letter, c.field ?? ''])), [columns]);
  const [draft, setDraft] = useState<Mapping>(detected);
  useEffect(() => setDraft(detected), [detected]);

  const changes = Object.fromEntries(Object.entries(draft).filter(([letter, field]) => field !== detected[letter]));
  const stillMissing = (fields.data ?? []).filter((f) => f.required && !Object.values(draft).includes(f.field));
  const options = [{ value: '', label: t('mapping.ignore') }, ...(fields.data ?? []).map((f) => ({ value: f.field, label: f.required ? `${f.title} *` : f.title }))];

  return (
    <div data-testid="column-mapping">
      <Table
        size="small"
        rowKey="letter"
        pagination={false}
        scroll={{ y: 260 }}
        dataSource={columns.filter((c) => c.title !== '' || draft[c.letter])}
        columns={[
          { title: t('mapping.column'), dataIndex: 'letter', width: 56, className: 'mono' },
          { title: t('mapping.header'), dataIndex: 'title', ellipsis: true, render: (v: string) => v || <span className="muted">{t('mapping.noHeader')}</span> },
          {
            title: t('mapping.field'),
            width: 220,
            render: (_, c) => (
              <Select
                size="small"
                style={{ width: '100%' }}
                value={draft[c.letter] ?? ''}
                options={options}
                status={draft[c.letter] ? undefined : missing.length && c.title ? 'warning' : undefined}
                onChange={(v: string) => setDraft((d) => ({ ...d, [c.letter]: v }))}
                data-testid={`map-${c.letter}`}
              />
            ),
          },
          {
            title: t('mapping.how'),
            width: 110,
            render: (_, c) =>
              changes[c.letter] !== undefined ? (
                <Tag color="blue">{t('mapping.source.manual')}</Tag>
              ) : c.source ? (
                <Tag color={SOURCE_COLOURS[c.source]}>{t(`mapping.source.${c.source}` as MessageKey)}</Tag>
              ) : c.title ? (
                <Tag color="warning">{t('mapping.unmatched')}</Tag>
              ) : null,
          },
        ]}
      />
      <Space style={{ marginTop: 8 }} wrap>
        <Button type="primary" ghost disabled={Object.keys(changes).length === 0} loading={busy} onClick={() => onApply(changes)} data-testid="mapping-apply">
          {t('mapping.apply')}
        </Button>
        {stillMissing.length ? (
          <span className="muted">{t('mapping.stillMissing', { fields: stillMissing.map((f) => f.title).join('、') })}</span>
        ) : (
          <span className="muted">{t('mapping.remembered')}</span>
        )}
      </Space>
    </div>
  );
}
