// 省平台上报 on the reports page (docs/exchange.md): export the period's upload file with a
// profile and the platform's 批次号, each row checked first; the 上报批次 ledger with the
// platform's return file imported and reconciled, and the refused rows sent again.
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { downloadFile, fileToArg, rpc, RpcError, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';
import { useRpc } from '../../useRpc';
import { ProfilesDrawer } from './ProfilesDrawer';

type Problem = OpResult<'upload.check'>['problems'][number];
type Reconciliation = OpResult<'upload.reconcile'>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function UploadPanel({ from, to }: { from?: string; to?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const profiles = useRpc('profiles.list', {});
  const batches = useRpc('upload.batches', {});
  const [profile, setProfile] = useState('平台上传');
  const [batchNumber, setBatchNumber] = useState('');
  const [mark, setMark] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [reconciled, setReconciled] = useState<Reconciliation | null>(null);
  const { busy, error, setError, run } = useAction();
  const fileInput = useRef<HTMLInputElement>(null);
  const [returnFor, setReturnFor] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const args = { profile, from, to, batchNumber: batchNumber.trim() || undefined };

  const saved = (file: { path: string } | { name: string; base64: string }) => {
    if ('base64' in file) {
      downloadFile(file, XLSX);
      message.success(t('export.done', { name: file.name }));
    } else message.success(t('export.savedTo', { path: file.path }));
  };

  const check = () =>
    run(async () => {
      const r = await rpc('upload.check', args);
      setProblems(r.problems);
      if (r.ok) message.success(t('upload.allGood', { rows: r.rows }));
    });

  const exportFile = () =>
    run(async () => {
      try {
        const r = await rpc('export.upload', { ...args, onProblem: mark ? 'mark' : 'refuse' });
        setProblems(r.problems.length ? r.problems : null);
        saved(r.file);
        batches.reload();
      } catch (e) {
        // Refused for its rows: the table below says which and why.
        const listed = e instanceof RpcError ? (e.details as { problems?: Problem[] } | undefined)?.problems : undefined;
        if (listed) setProblems(listed);
        throw e;
      }
    });

  const reconcile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file || returnFor === null) return;
    await run(async () => {
      setReconciled(await rpc('upload.reconcile', { batch: returnFor, file: await fileToArg(file) }));
      batches.reload();
    });
    if (fileInput.current) fileInput.current.value = '';
  };

  const reexport = (id: number) =>
    run(async () => {
      saved((await rpc('upload.reexport', { batch: id })).file);
      batches.reload();
    });

  return (
    <Card size="small" title={t('upload.title')} style={{ marginTop: 16 }} data-testid="upload-panel">
      <Typography.Paragraph className="muted" style={{ fontSize: 12 }}>
        {t('upload.hint')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('upload.profile')}</span>
        <Select
          value={profile}
          onChange={setProfile}
          style={{ width: 200 }}
          data-testid="upload-profile"
          options={(profiles.data ?? []).map((p) => ({ value: p.name, label: p.builtin ? `${p.name}（${t('upload.builtin')}）` : p.name }))}
        />
        <Button onClick={() => setEditing(true)} data-testid="upload-profiles">
          {t('upload.editProfiles')}
        </Button>
        <Input placeholder={t('upload.batchNumber')} value={batchNumber} onChange={(e) => setBatchNumber(e.target.value)} style={{ width: 200 }} data-testid="upload-batch-number" />
        <Checkbox checked={mark} onChange={(e) => setMark(e.target.checked)}>
          {t('upload.mark')}
        </Checkbox>
        <Button onClick={() => void check()} loading={busy} data-testid="upload-check">
          {t('upload.check')}
        </Button>
        <Button type="primary" onClick={() => void exportFile()} loading={busy} data-testid="upload-export">
          {t('upload.export')}
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} /> : null}
      {problems && problems.length > 0 ? (
        <Table<Problem>
          size="small"
          rowKey={(p) => `${p.row}|${p.column}`}
          dataSource={problems}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          style={{ marginBottom: 12 }}
          data-testid="upload-problems"
          columns={[
            { title: t('upload.row'), dataIndex: 'row', width: 60 },
            { title: t('candidate.name'), dataIndex: 'name', width: 100 },
            { title: t('upload.column'), dataIndex: 'column', width: 110 },
            { title: t('upload.problem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
      <ProfilesDrawer
        open={editing}
        onClose={() => setEditing(false)}
        onChanged={(change) => {
          profiles.reload();
          // The profile saved is the one to export with; the chosen one deleted falls back to the general one.
          if (change.saved) setProfile(change.saved);
          else if (change.deleted === profile) setProfile('平台上传');
        }}
      />
      <input ref={fileInput} type="file" accept=".xlsx,.xls,.et,.ods,.csv" hidden onChange={(e) => void reconcile(e.target.files)} data-testid="upload-return-file" />
      <Table
        size="small"
        rowKey="id"
        loading={batches.loading}
        dataSource={batches.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('upload.noBatches') }}
        data-testid="upload-batches"
        columns={[
          { title: t('upload.batchNumber'), dataIndex: 'batchNumber', render: (v: string, b) => v || `#${b.id}` },
          { title: t('upload.profile'), dataIndex: 'profileName' },
          { title: t('upload.exportedAt'), dataIndex: 'exportedAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          { title: t('upload.rows'), dataIndex: 'rows', width: 70 },
          {
            title: t('upload.outcome'),
            render: (_v, b) =>
              b.returnedAt ? (
                <Space size={4}>
                  <Tag color="green">{t('upload.accepted', { n: b.accepted })}</Tag>
                  {b.refused ? <Tag color="red">{t('upload.refused', { n: b.refused })}</Tag> : null}
                </Space>
              ) : (
                <Tag>{t('upload.awaiting')}</Tag>
              ),
          },
          {
            title: '',
            render: (_v, b) => (
              <Space size={4}>
                <Button size="small" onClick={() => (setReturnFor(b.id), fileInput.current?.click())} data-testid={`upload-reconcile-${b.id}`}>
                  {t('upload.importReturn')}
                </Button>
                {b.refused ? (
                  <Button size="small" onClick={() => void reexport(b.id)}>
                    {t('upload.reexport')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {reconciled ? (
        <Alert
          style={{ marginTop: 12 }}
          type={reconciled.refused.length || reconciled.numberDiffers.length || reconciled.notInBatch.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setReconciled(null)}
          data-testid="upload-reconciled"
          message={t('upload.reconciled', { batch: reconciled.batchNumber || `#${reconciled.batchId}`, accepted: reconciled.accepted, refused: reconciled.refused.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {reconciled.refused.map((r) => (
                <li key={`r${r.row}`}>{t('upload.refusedRow', { row: r.row, name: r.name, reason: r.reason })}</li>
              ))}
              {reconciled.numberDiffers.map((r) => (
                <li key={`n${r.row}`}>{t('upload.numberDiffers', { name: r.name, ours: r.ours, theirs: r.theirs })}</li>
              ))}
              {reconciled.notInBatch.map((r) => (
                <li key={`x${r.row}`}>{t('upload.notInBatch', { row: r.row, name: r.name })}</li>
              ))}
              {reconciled.missing.length ? <li>{t('upload.missing', { names: reconciled.missing.map((m) => m.name).join('、') })}</li> : null}
              {reconciled.newNumbers ? <li>{t('upload.newNumbers', { n: reconciled.newNumbers })}</li> : null}
            </ul>
          }
        />
      ) : null}
    </Card>
  );
}
