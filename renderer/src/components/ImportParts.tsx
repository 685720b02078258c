// The parts every import window shares: the drop zone with the refusal and the column mapping under
// it, the table of refused rows, and the footer that writes only on confirmation.
import { Alert, Button, Space, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { ColumnMapping, type ImportKind } from './ColumnMapping';
import type { SheetImportFlow } from './useSheetImport';

export function ImportPicker({ flow, kind, drop, hint, testId }: { flow: SheetImportFlow<unknown>; kind: ImportKind; drop: string; hint: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Upload.Dragger accept=".xlsx,.xlsm,.xls,.et,.ods,.csv,.txt" showUploadList={false} beforeUpload={flow.pick} disabled={flow.busy} data-testid={testId}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{flow.file ? flow.file.name : drop}</p>
        <p className="muted" style={{ fontSize: 12 }}>
          {hint}
        </p>
      </Upload.Dragger>
      {flow.error ? <Alert type="error" showIcon message={flow.error} style={{ marginTop: 12 }} /> : null}
      {flow.unmatched ? (
        <div style={{ marginTop: 12 }}>
          <p className="muted">{t('mapping.intro')}</p>
          <ColumnMapping kind={kind} columns={flow.unmatched.columns} missing={flow.unmatched.missing} busy={flow.busy} onApply={flow.remap} />
        </div>
      ) : null}
    </>
  );
}

export function RejectedRows({ rows, testId }: { rows: readonly { row: number; column: string; message: string; name?: string }[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
      pagination={{ pageSize: 8, hideOnSinglePage: true }}
      dataSource={[...rows]}
      locale={{ emptyText: t('roster.noneRejected') }}
      data-testid={testId}
      columns={[
        { title: t('roster.row'), dataIndex: 'row', width: 70, className: 'num' },
        // Whose row it is, where the file names them: the officer phones the employer about a person, not a row number.
        ...(rows.some((r) => r.name) ? [{ title: t('candidate.name'), dataIndex: 'name', width: 90 }] : []),
        { title: t('roster.column'), dataIndex: 'column', width: 120 },
        { title: t('roster.reason'), dataIndex: 'message' },
      ]}
    />
  );
}

export function ImportFooter({ flow, writes, label, testId, onClose }: { flow: SheetImportFlow<unknown>; writes: number; label: string; testId: string; onClose(): void }) {
  const { t } = useI18n();
  if (flow.done) {
    return (
      <Button type="primary" onClick={onClose}>
        {t('common.done')}
      </Button>
    );
  }
  return (
    <Space>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" disabled={!flow.preview || writes === 0} loading={flow.busy && flow.preview !== null} onClick={flow.confirm} data-testid={testId}>
        {label}
      </Button>
    </Space>
  );
}
