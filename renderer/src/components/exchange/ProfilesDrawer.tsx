// 交换格式 in the window (docs/exchange.md § Export profiles): the profiles there are, the built-in
// ones to look at and copy, the officer's own to edit, rename and delete, and a new one made from
// the platform's template workbook (read first, saved only when the officer saves the form).
import { useState } from 'react';
import { Alert, App, Button, Drawer, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useI18n } from '../../i18n';
import { fileToArg, rpc, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';
import { useRpc } from '../../useRpc';
import { ProfileForm, type Draft } from './ProfileForm';

type Profile = OpResult<'profiles.list'>[number];

/** A profile's definition without what only the built-ins carry (the 数据上报 layout). */
function definitionOf(p: Profile): Draft['definition'] {
  const { name: _n, builtin: _b, layout: _l, ...definition } = p;
  return definition;
}

export function ProfilesDrawer({ open, onClose, onChanged }: { open: boolean; onClose(): void; onChanged(change: { saved?: string; deleted?: string }): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const profiles = useRpc('profiles.list', {}, open);
  const fields = useRpc('profiles.fields', {}, open);
  const standard = useRpc('profiles.standardCodes', {}, open);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, error, setError, run } = useAction();

  const fromTemplate = async (file: File): Promise<false> => {
    await run(async () => {
      const read = await rpc('profiles.readTemplate', { file: await fileToArg(file) });
      setDraft({
        name: file.name.replace(/\.[^.]+$/, '').slice(0, 40),
        definition: read.definition,
        headerRows: read.headerRows,
        unmatched: read.unmatched.map((u) => u.header),
      });
    });
    return false;
  };

  const remove = (name: string) =>
    run(async () => {
      await rpc('profiles.delete', { name });
      message.success(t('profiles.deleted', { name }));
      profiles.reload();
      onChanged({ deleted: name });
    });

  const saved = (name: string) => {
    message.success(t('profiles.saved', { name }));
    setDraft(null);
    profiles.reload();
    onChanged({ saved: name });
  };

  return (
    <Drawer open={open} onClose={onClose} width={980} title={t('profiles.title')} destroyOnHidden data-testid="profiles-drawer">
      {draft && fields.data && standard.data ? (
        <ProfileForm key={draft.previousName ?? draft.name} draft={draft} fields={fields.data} standard={standard.data} onSaved={saved} onCancel={() => setDraft(null)} />
      ) : (
        <>
          <Typography.Paragraph className="muted" style={{ fontSize: 12 }}>
            {t('profiles.hint')}
          </Typography.Paragraph>
          <Space style={{ marginBottom: 12 }}>
            <Upload accept=".xlsx,.xls,.et,.ods,.csv" showUploadList={false} beforeUpload={fromTemplate}>
              <Button type="primary" loading={busy} data-testid="profiles-from-template">
                {t('profiles.fromTemplate')}
              </Button>
            </Upload>
          </Space>
          {error ? <Alert type="error" showIcon closable onClose={() => setError(null)} message={error} style={{ marginBottom: 12 }} data-testid="profiles-error" /> : null}
          <Table<Profile>
            size="small"
            rowKey="name"
            loading={profiles.loading}
            dataSource={profiles.data ?? []}
            pagination={false}
            data-testid="profiles-list"
            columns={[
              { title: t('profiles.name'), dataIndex: 'name', render: (v: string, p) => (p.builtin ? <Space size={4}>{v}<Tag>{t('upload.builtin')}</Tag></Space> : v) },
              { title: t('profiles.rows'), dataIndex: 'rows', render: (v: Profile['rows']) => (v === 'passed' ? t('profiles.rowsPassed') : t('profiles.rowsCertificates')) },
              { title: t('profiles.columnCount'), render: (_v, p) => p.columns.length, width: 70 },
              { title: t('profiles.headerRow'), dataIndex: 'headerRow', width: 80 },
              { title: t('profiles.dateFormat'), dataIndex: 'dateFormat', width: 110 },
              {
                title: '',
                width: 200,
                render: (_v, p) => (
                  <Space size={4}>
                    {p.builtin ? null : (
                      <Button size="small" onClick={() => setDraft({ name: p.name, previousName: p.name, definition: definitionOf(p) })} data-testid={`profile-edit-${p.name}`}>
                        {t('profiles.edit')}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setDraft({ name: t('profiles.copyName', { name: p.name }).slice(0, 40), definition: definitionOf(p) })} data-testid={`profile-copy-${p.name}`}>
                      {t('profiles.copy')}
                    </Button>
                    {p.builtin ? null : (
                      <Popconfirm title={t('profiles.deleteConfirm', { name: p.name })} onConfirm={() => void remove(p.name)}>
                        <Button size="small" danger data-testid={`profile-delete-${p.name}`}>
                          {t('profiles.delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
