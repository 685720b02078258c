// 补发: the old number is voided and the same person gets a new one that records it
// (services/certificates/issue.ts, reissueCertificate). A voided number is never used again.
import { useState } from 'react';
import { Alert, App, Input, Modal } from 'antd';
import { useI18n } from '../../i18n';
import { rpc } from '../../rpc';
import { useAction } from '../../useAction';

export function ReissueModal({ number, onClose, onReissued }: { number: string | null; onClose(): void; onReissued(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  const reissue = () =>
    run(async () => {
      const r = await rpc('certificates.reissue', { number: number!, reason });
      message.success(t('certs.reissued', { old: r.voided.number, number: r.issued.number }));
      onReissued();
      close();
    });
  return (
    <Modal
      open={number !== null}
      title={t('certs.reissueTitle', { number: number ?? '' })}
      okText={t('certs.reissueAction')}
      okButtonProps={{ disabled: !reason.trim(), loading: busy }}
      cancelText={t('common.cancel')}
      onOk={reissue}
      onCancel={close}
    >
      <p className="muted">{t('certs.reissueHint')}</p>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Input.TextArea autoFocus rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('certs.reissueReason')} data-testid="reissue-reason" />
    </Modal>
  );
}
