// 设置 → 开放给局域网: start and stop the LAN server of this data file (docs/lan.md), with the
// addresses colleagues open, a QR code of the first for a tablet's camera, and the certificate's
// SHA-256 fingerprint they compare with their browser's.
import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc } from '../rpc';
import { useAction } from '../useAction';

export function LanPanel() {
  const { t } = useI18n();
  const status = useRpc('lan.status', {});
  const state = useAction();
  const s = status.data;
  const toggle = () =>
    state.run(async () => {
      await rpc(s?.open ? 'lan.close' : 'lan.open', {});
      status.reload();
    });
  return (
    <div style={{ maxWidth: 760 }} data-testid="lan-panel">
      <Typography.Paragraph className="muted">{t('lan.intro')}</Typography.Paragraph>
      {state.error ? <Alert type="error" showIcon message={state.error} style={{ marginBottom: 12 }} data-testid="lan-error" /> : null}
      {status.error ? <Alert type="info" showIcon message={status.error.message} style={{ marginBottom: 12 }} /> : null}
      <Space style={{ marginBottom: 16 }}>
        <Button type={s?.open ? 'default' : 'primary'} danger={s?.open} loading={state.busy} onClick={toggle} data-testid="lan-toggle">
          {s?.open ? t('lan.stop') : t('lan.start')}
        </Button>
        <span data-testid="lan-state">{s?.open ? t('lan.isOpen') : t('lan.isClosed')}</span>
      </Space>
      <Space align="start" size={24}>
        <Descriptions column={1} size="small" bordered style={{ minWidth: 460 }}>
          <Descriptions.Item label={t('lan.addresses')}>
            {s?.open ? (
              s.addresses.map((a) => (
                <div key={a}>
                  <Typography.Text copyable data-testid="lan-address">
                    {a}
                  </Typography.Text>
                </div>
              ))
            ) : (
              <span className="muted">{t('lan.noAddress')}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('lan.fingerprint')}>
            {s?.fingerprint ? (
              <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="lan-fingerprint">
                {s.fingerprint}
              </Typography.Text>
            ) : (
              <span className="muted">{t('lan.noFingerprint')}</span>
            )}
          </Descriptions.Item>
        </Descriptions>
        {s?.open && s.qrSvg ? (
          <img alt={t('lan.qr')} title={t('lan.qr')} width={160} height={160} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qrSvg)}`} data-testid="lan-qr" />
        ) : null}
      </Space>
      <Alert type="info" showIcon style={{ marginTop: 16 }} message={t('lan.howTo')} />
    </div>
  );
}
