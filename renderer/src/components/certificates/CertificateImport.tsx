// 导入证书编号: numbers the provincial platform assigned (姓名, 证件号码, 证书编号, 发证日期), read once
// without writing — every refused row with why — and recorded only when the officer confirms.
import { Alert, Button, Modal, Result, Space, Statistic, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import { ColumnMapping } from '../ColumnMapping';
import { useSheetImport } from '../useSheetImport';

type Report = OpResult<'certificates.import'>;

export function CertificateImport({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const { t } = useI18n();
  const { file, preview, done, unmatched, busy, error, pick, remap, confirm, reset } = useSheetImport<Report>(
    (f, dryRun, mapping) => rpc('certificates.import', { file: f, dryRun, ...(mapping ? { mapping } : {}) }),
    onImported,
  );
  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('certs.importTitle')}
      onCancel={close}
      footer={
        done ? (
          <Button type="primary" onClick={close}>
            {t('common.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!preview || preview.imported === 0} loading={busy} onClick={confirm} data-testid="cert-import-confirm">
              {t('certs.importConfirm', { n: preview?.imported ?? 0 })}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Result status="success" title={t('certs.importDone', { n: done.imported, unchanged: done.unchanged })} />
      ) : (
        <>
          <Upload.Dragger accept=".xlsx,.xls,.csv" showUploadList={false} beforeUpload={pick} disabled={busy}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{file ? file.name : t('certs.importDrop')}</p>
            <p className="muted" style={{ fontSize: 12 }}>
              {t('certs.importHint')}
            </p>
          </Upload.Dragger>
          {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
          {unmatched ? (
            <div style={{ marginTop: 12 }}>
              <p className="muted">{t('mapping.intro')}</p>
              <ColumnMapping kind="certificates" columns={unmatched.columns} missing={unmatched.missing} busy={busy} onApply={remap} />
            </div>
          ) : null}
          {preview ? (
            <div style={{ marginTop: 16 }} data-testid="cert-import-preview">
              <Space size={48} style={{ marginBottom: 12 }}>
                <Statistic title={t('certs.importNew')} value={preview.imported} />
                <Statistic title={t('certs.importUnchanged')} value={preview.unchanged} />
                <Statistic title={t('roster.rejected')} value={preview.rejected.length} valueStyle={{ color: preview.rejected.length ? '#d4380d' : undefined }} />
              </Space>
              <Alert type="info" showIcon message={t('roster.nothingWritten')} style={{ marginBottom: 12 }} />
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                dataSource={preview.rejected}
                locale={{ emptyText: t('roster.noneRejected') }}
                columns={[
                  { title: t('roster.row'), dataIndex: 'row', width: 70, className: 'num' },
                  { title: t('roster.column'), dataIndex: 'column', width: 110 },
                  { title: t('roster.reason'), dataIndex: 'message' },
                ]}
              />
            </div>
          ) : null}
        </>
      )}
    </Modal>
  );
}
