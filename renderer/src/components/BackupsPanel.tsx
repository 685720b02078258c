// 设置 → 备份: the backups folder's copies, newest first, each with why it was taken in words, and
// 恢复 for an administrator — by the backup's name (a page never names a path), with the same checks
// as certdesk restore, after a confirmation; the page reloads on the restored data.
import { Alert, Button, Modal, Table, Typography, type ButtonProps } from 'antd';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc } from '../rpc';
import { useAction } from '../useAction';

/** Why a backup was taken, from its file name (services/backup/naming.ts), in words. */
export function backupReason(t: Translate, reason: string): string {
  const migrate = /^before-migrate-v(\d+)$/.exec(reason);
  if (migrate) return t('backup.reason.before-migrate', { version: migrate[1]! });
  const key = `backup.reason.${reason}` as MessageKey;
  const text = t(key);
  return text === key ? t('backup.reason.other') : text;
}

export function BackupsPanel() {
  const { t } = useI18n();
  const list = useRpc('backup.list', {});
  const state = useAction();
  const [modal, holder] = Modal.useModal();
  const create = () =>
    state.run(async () => {
      await rpc('backup.create', {});
      list.reload();
    });
  const restore = (b: { name: string; takenAt: string; reason: string }) =>
    void modal.confirm({
      title: t('backup.restoreTitle', { at: b.takenAt }),
      content: t('backup.restoreConfirm', { reason: backupReason(t, b.reason) }),
      okText: t('backup.restore'),
      okButtonProps: { danger: true, 'data-testid': 'backup-restore-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () =>
        state.run(async () => {
          await rpc('backup.restore', { name: b.name });
          // Everything on screen belongs to the data just replaced: start again from the restored file.
          window.location.reload();
        }),
    });
  return (
    <>
      {holder}
      <Typography.Paragraph className="muted">
        {t('welcome.backupFolder')}：<Typography.Text copyable>{list.data?.folder ?? '…'}</Typography.Text>
      </Typography.Paragraph>
      {state.error ? <Alert type="error" showIcon message={state.error} style={{ marginBottom: 12 }} data-testid="backup-error" /> : null}
      {/* Backups are an administrator's: a clerk is told so instead of seeing an empty list. */}
      {list.error ? <Alert type="info" showIcon message={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" loading={state.busy} onClick={create} style={{ marginBottom: 12 }}>
        {t('backup.create')}
      </Button>
      <Table
        size="small"
        rowKey="name"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={list.data?.backups ?? []}
        locale={{ emptyText: t('backup.none') }}
        data-testid="backup-list"
        columns={[
          { title: t('backup.takenAt'), dataIndex: 'takenAt', width: 180 },
          { title: t('backup.reason'), dataIndex: 'reason', width: 180, render: (v: string) => backupReason(t, v) },
          { title: t('backup.size'), dataIndex: 'bytes', width: 100, className: 'num', render: (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB` },
          { title: t('backup.name'), dataIndex: 'name', ellipsis: true, render: (v: string) => <span className="mono muted">{v}</span> },
          {
            title: '',
            width: 80,
            render: (_, b) => (
              <Button size="small" type="link" danger onClick={() => restore(b)} disabled={state.busy} data-testid="backup-restore">
                {t('backup.restore')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
