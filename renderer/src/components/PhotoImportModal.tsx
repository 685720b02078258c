// 批量导入照片: a .zip of one-inch photos named by ID number, uploaded as bytes (a page never names
// a folder on the server); the server says which were taken, which matched nobody, and why any
// was refused.
import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { fileToArg, rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';

type Result = OpResult<'photos.import'>;

/** The server refuses more (services/candidates/photoImport.ts); the window says so before sending. */
const MAX_ZIP_BYTES = 100 * 1024 * 1024;

export function PhotoImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const [replace, setReplace] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const { busy, error, setError, run } = useAction();

  const send = (file: File) => {
    setResult(null);
    if (file.size > MAX_ZIP_BYTES) {
      setError(t('photos.tooLarge', { mb: MAX_ZIP_BYTES / 1024 / 1024 }));
      return;
    }
    void run(async () => {
      const r = await rpc('photos.import', { from: await fileToArg(file), replace });
      setResult(r);
      if (r.matched > 0) onImported();
    });
  };

  const rows = result ? [...result.unmatched.map((file) => ({ file, reason: t('photos.unmatchedReason') })), ...result.refused] : [];
  return (
    <Modal
      open={open}
      title={t('photos.title')}
      width={720}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
      afterClose={() => (setResult(null), setError(null))}
    >
      <Typography.Paragraph>{t('photos.intro')}</Typography.Paragraph>
      <Typography.Paragraph className="muted" style={{ fontSize: 12 }}>
        {t('photos.example')}
      </Typography.Paragraph>
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', marginBottom: 12 }}>
        <Upload accept=".zip,application/zip" showUploadList={false} beforeUpload={(f) => (send(f), false)} disabled={busy}>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="photos-choose">
            {t('photos.choose')}
          </Button>
        </Upload>
        <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="photos-replace">
          {t('photos.replace')}
        </Checkbox>
      </div>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      {result ? (
        <div data-testid="photos-result">
          <Alert
            type={result.matched > 0 ? 'success' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            message={t('photos.done', { matched: result.matched })}
            description={[
              result.replaced ? t('photos.replacedCount', { n: result.replaced }) : null,
              result.unmatched.length ? t('photos.unmatchedCount', { n: result.unmatched.length }) : null,
              result.refused.length ? t('photos.refusedCount', { n: result.refused.length }) : null,
            ]
              .filter(Boolean)
              .join('；') || undefined}
          />
          {rows.length ? (
            <Table
              size="small"
              rowKey="file"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              dataSource={rows}
              columns={[
                { title: t('photos.file'), dataIndex: 'file', width: 260, ellipsis: true, render: (v: string) => <span className="mono">{v}</span> },
                { title: t('photos.reason'), dataIndex: 'reason' },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
