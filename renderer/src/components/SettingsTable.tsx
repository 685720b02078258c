// 设置 → 证书与其他设置: every setting by its name in the officer's language and its value in words
// (是/否, 竖版/横版, 随附的思源宋体), edited with the control that fits — a choice of words, a file
// picker for the font and the seal (the bytes are uploaded; a page never names a path), or a box.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { fileToArg, rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';
import { navigate } from '../router';

type Setting = OpResult<'settings.list'>[number];

/** The values a choice setting takes, each shown by its word (setting.value.<key>.<value>). */
export const SETTING_CHOICES: Readonly<Record<string, readonly string[]>> = {
  'certificate.serialScope': ['year', 'year-level'],
  'certificate.orientation': ['portrait', 'landscape'],
  'certificate.bilingual': ['yes', 'no'],
  'results.carryAfterMisconduct': ['yes', 'no'],
  'eligibility.enforce': ['yes', 'no'],
};

/** Settings edited on a page of their own: shown here, changed there. */
const EDITED_ELSEWHERE: Readonly<Record<string, () => void>> = {
  'certificate.stockLayout': () => navigate({ page: 'certificates' }),
};

/**
 * A setting's name in the officer's language. One this window does not know yet shows the server's
 * Chinese label without its parenthesis, which is written for the command line and names raw
 * values (「（yes 拒绝 / no 只提示）」).
 */
export function settingLabel(t: Translate, s: Pick<Setting, 'key' | 'label'>): string {
  const key = `setting.label.${s.key}` as MessageKey;
  const label = t(key);
  return label === key ? s.label.replace(/（.*$/, '') : label;
}

function known(t: Translate, key: string, vars?: Record<string, string | number>): string | null {
  const text = t(key as MessageKey, vars);
  return text === key ? null : text;
}

/** The name the officer's file had: the copy kept beside the database is named font-/seal-STAMP-PID-<name> (services/settings/files.ts). */
function fileName(p: string): string {
  const base = p.split(/[\\/]/).pop() ?? p;
  return base.replace(/^(font|seal)-\d{14}-\d+-/, '');
}

/** A setting's value in words. */
export function settingValue(t: Translate, s: Pick<Setting, 'key' | 'value' | 'type'>): string {
  const v = s.value;
  if (SETTING_CHOICES[s.key]) return known(t, `setting.value.${s.key}.${v}`) ?? v;
  switch (s.key) {
    case 'certificate.font':
      return v === 'bundled' || v === '' ? t('setting.fontBundled') : t('setting.fileChosen', { name: fileName(v) });
    case 'certificate.seal':
      return v === '' ? t('setting.noSeal') : t('setting.fileChosen', { name: fileName(v) });
    case 'certificate.sealPosition':
      return v === '' ? t('setting.sealAuto') : t('setting.sealAt', { ...Object.fromEntries(v.split(',').map((n, i) => [['x', 'y', 'd'][i]!, n])) });
    case 'certificate.issuer':
      return v === '' ? t('setting.issuerSame') : v;
    case 'certificate.stockOffsetX':
    case 'certificate.stockOffsetY':
      return t('setting.mm', { n: v });
    case 'certificate.stockLayout':
      return v === '' ? t('setting.layoutDefault') : t('setting.layoutSaved');
    case 'security.lockAfterMinutes':
      return v === '0' ? t('setting.neverLock') : t('setting.minutes', { n: v });
    case 'results.retakeKeepMonths':
      return v === '0' ? t('setting.keepNone') : t('setting.months', { n: v });
  }
  if (s.type === 'choice' && (v === 'yes' || v === 'no')) return t(v === 'yes' ? 'setting.yes' : 'setting.no');
  return v;
}

export function SettingsTable() {
  const { t } = useI18n();
  const list = useRpc('settings.list', {});
  const [editing, setEditing] = useState<Setting | null>(null);
  const [draft, setDraft] = useState('');
  const { busy, error, setError, run } = useAction();
  const done = () => {
    setEditing(null);
    list.reload();
  };
  const save = (value = draft) => editing && run(async () => (await rpc('settings.set', { key: editing.key, value }), done()));
  const upload = (file: File) =>
    editing &&
    (editing.key === 'certificate.font' || editing.key === 'certificate.seal') &&
    run(async () => (await rpc('settings.upload', { key: editing.key as 'certificate.font' | 'certificate.seal', ...(await fileToArg(file)) }), done()));

  const edit = (s: Setting) => {
    setError(null);
    setDraft(s.value);
    setEditing(s);
  };
  const hint = editing ? known(t, `setting.hint.${editing.key}`) : null;
  return (
    <>
      {list.error ? <Alert type="error" showIcon message={list.error.message} /> : null}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        loading={list.loading}
        dataSource={(list.data ?? []).filter((s) => !s.key.startsWith('institution.'))}
        data-testid="settings-table"
        columns={[
          { title: t('settings.item'), render: (_, s) => settingLabel(t, s) },
          {
            title: t('settings.value'),
            width: 320,
            ellipsis: true,
            render: (_, s) => {
              const words = settingValue(t, s);
              return words === '' ? <span className="muted">{t('settings.unset')}</span> : words;
            },
          },
          {
            title: '',
            width: 80,
            render: (_, s) => (
              <Button size="small" type="link" onClick={() => (EDITED_ELSEWHERE[s.key] ? EDITED_ELSEWHERE[s.key]!() : edit(s))}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? settingLabel(t, editing) : ''}
        onOk={() => save()}
        okButtonProps={{ loading: busy, style: editing?.type === 'path' ? { display: 'none' } : undefined }}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        {editing && SETTING_CHOICES[editing.key] ? (
          <Radio.Group value={draft} onChange={(e) => setDraft(e.target.value as string)} data-testid="setting-choice">
            <Space direction="vertical">
              {SETTING_CHOICES[editing.key]!.map((v) => (
                <Radio key={v} value={v}>
                  {settingValue(t, { ...editing, value: v })}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        ) : editing?.type === 'path' ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <div>
              {t('setting.current')}：{settingValue(t, editing)}
            </div>
            <Space>
              <Upload
                accept={editing.key === 'certificate.font' ? '.ttf,.otf,.ttc' : '.png,image/png'}
                showUploadList={false}
                beforeUpload={(f) => (void upload(f), false)}
              >
                <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="setting-upload">
                  {t(editing.key === 'certificate.font' ? 'setting.chooseFont' : 'setting.chooseSeal')}
                </Button>
              </Upload>
              <Button onClick={() => void save(editing.key === 'certificate.font' ? 'bundled' : '')} disabled={busy}>
                {t(editing.key === 'certificate.font' ? 'setting.useBundledFont' : 'setting.removeSeal')}
              </Button>
            </Space>
          </Space>
        ) : (
          <Input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} onPressEnter={() => save()} />
        )}
        {hint ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
            {hint}
          </Typography.Paragraph>
        ) : null}
      </Modal>
    </>
  );
}
