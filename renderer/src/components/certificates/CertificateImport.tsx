// 导入证书编号: numbers the provincial platform assigned (姓名, 证件号码, 证书编号, 发证日期), read once
// without writing — every refused row with why — and recorded only when the officer confirms; a
// long file shows the same progress bar as the other imports.
import { Alert, Modal, Result, Space, Statistic } from 'antd';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import { useSheetImport } from '../useSheetImport';
import { ImportFooter, ImportPicker, RejectedRows } from '../ImportParts';
import { ImportProgressBar } from '../ImportProgressBar';
import { useImportProgress } from '../useImportProgress';

type Report = OpResult<'certificates.import'>;

export function CertificateImport({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const { t } = useI18n();
  const progress = useImportProgress();
  const flow = useSheetImport<Report>(
    (f, dryRun, mapping) => progress.track<Report>(!dryRun, (progressId) => rpc('certificates.import', { file: f, dryRun, progressId, ...(mapping ? { mapping } : {}) })),
    onImported,
  );
  const { preview, done } = flow;
  const close = () => {
    flow.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('certs.importTitle')}
      onCancel={close}
      footer={<ImportFooter flow={flow} writes={preview?.imported ?? 0} label={t('certs.importConfirm', { n: preview?.imported ?? 0 })} testId="cert-import-confirm" onClose={close} />}
    >
      {done ? (
        <Result status="success" title={t('certs.importDone', { n: done.imported, unchanged: done.unchanged })} />
      ) : (
        <>
          <ImportPicker flow={flow} kind="certificates" drop={t('certs.importDrop')} hint={t('certs.importHint')} />
          <ImportProgressBar shown={progress.shown} />
          {preview ? (
            <div style={{ marginTop: 16 }} data-testid="cert-import-preview">
              <Space size={48} style={{ marginBottom: 12 }}>
                <Statistic title={t('certs.importNew')} value={preview.imported} />
                <Statistic title={t('certs.importUnchanged')} value={preview.unchanged} />
                <Statistic title={t('roster.rejected')} value={preview.rejected.length} valueStyle={{ color: preview.rejected.length ? '#d4380d' : undefined }} />
              </Space>
              <Alert type="info" showIcon message={t('roster.nothingWritten')} style={{ marginBottom: 12 }} />
              <RejectedRows rows={preview.rejected} />
            </div>
          ) : null}
        </>
      )}
    </Modal>
  );
}
