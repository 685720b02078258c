// What the CLI does for a competition beyond keying marks (docs/competitions.md): judges' score
// sheets imported (checked first, so the officer sees what would land and which rows are refused
// before anything is written), and 以赛代评 on a finalized competition.
import { useRef, useState } from 'react';
import { Alert, Button, type ButtonProps, Input, Modal, Space, Table, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { fileToArg, rpc, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';

type ImportResult = OpResult<'competitions.importScores'>;
type Promotion = OpResult<'competitions.promote'>;

/** 导入评分表: pick an .xlsx, see the dry run (how many rows, the refused ones), then 确认导入. */
export function ImportScoresButton({ competitionId, onImported }: { competitionId: number; onImported: () => void }) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const { busy, error, setError, run } = useAction();

  const close = () => {
    setFile(null);
    setCheck(null);
    setDone(null);
    setError(null);
  };
  const picked = async (files: FileList | null) => {
    const f = files?.[0];
    if (fileInput.current) fileInput.current.value = '';
    if (!f) return;
    close();
    const arg = await run(() => fileToArg(f));
    if (!arg) return;
    setFile(arg);
    const r = await run(() => rpc('competitions.importScores', { competitionId, file: arg, dryRun: true }));
    if (r) setCheck(r);
  };
  const confirm = async () => {
    if (!file) return;
    const r = await run(() => rpc('competitions.importScores', { competitionId, file }));
    if (!r) return;
    setCheck(r);
    setDone(r.imported);
    onImported();
  };

  return (
    <>
      <input ref={fileInput} type="file" accept=".xlsx" hidden data-testid="import-scores-file" onChange={(e) => void picked(e.target.files)} />
      <Button onClick={() => fileInput.current?.click()} loading={busy && !file} data-testid="import-scores">
        {t('competition.importScores')}
      </Button>
      <Modal
        open={file !== null}
        title={t('competition.importScoresTitle', { name: file?.name ?? '' })}
        onCancel={close}
        footer={
          done === null ? (
            <Space>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" disabled={!check || check.imported === 0} loading={busy} onClick={() => void confirm()} data-testid="confirm-import-scores">
                {t('competition.importConfirm')}
              </Button>
            </Space>
          ) : (
            <Button type="primary" onClick={close} data-testid="close-import-scores">
              {t('common.close')}
            </Button>
          )
        }
        width={720}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('competition.importScoresHint')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        {check ? (
          <Alert
            type={done !== null ? 'success' : check.rejected.length ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="import-scores-summary"
            message={
              done !== null
                ? t('competition.importDone', { n: done, refused: check.rejected.length })
                : t('competition.importWould', { n: check.imported, refused: check.rejected.length })
            }
          />
        ) : null}
        {check && check.rejected.length > 0 ? (
          <Table
            size="small"
            rowKey={(r) => `${r.row}/${r.column}`}
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={check.rejected}
            data-testid="import-scores-refused"
            columns={[
              { title: t('competition.importRow'), dataIndex: 'row', width: 70 },
              { title: t('competition.importColumn'), dataIndex: 'column', width: 120 },
              { title: t('competition.importMessage'), dataIndex: 'message' },
            ]}
          />
        ) : null}
      </Modal>
    </>
  );
}

/** 以赛代评 on a finalized competition: the rule (ranks → levels), then what was made and refused. */
export function PromoteButton({ competitionId }: { competitionId: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [rule, setRule] = useState('');
  const [result, setResult] = useState<Promotion | null>(null);
  const { busy, error, setError, run } = useAction();

  const close = () => {
    setOpen(false);
    setResult(null);
    setError(null);
  };
  const promote = async () => {
    const r = await run(() => rpc('competitions.promote', { competitionId, rule: rule.trim() }));
    if (r) setResult(r);
  };
  const who = (p: { name: string; entrant: string }) => (p.name && p.name !== p.entrant ? `${p.name}（${p.entrant}）` : p.entrant || p.name);

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="promote">
        {t('competition.promote')}
      </Button>
      <Modal
        open={open}
        title={t('competition.promoteTitle')}
        onCancel={close}
        width={760}
        destroyOnHidden
        footer={
          result ? (
            <Button type="primary" onClick={close} data-testid="close-promote">
              {t('common.close')}
            </Button>
          ) : (
            <Space>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" loading={busy} disabled={!rule.trim()} onClick={() => void promote()} data-testid="confirm-promote">
                {t('competition.promote')}
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('competition.promoteHint')}</Typography.Paragraph>
        <Input value={rule} onChange={(e) => setRule(e.target.value)} placeholder="1-3:2,4-10:3" disabled={result !== null} data-testid="promote-rule" onPressEnter={() => !result && rule.trim() && void promote()} />
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
        {result ? (
          <div data-testid="promote-result" style={{ marginTop: 12 }}>
            <Typography.Text strong>{t('competition.promoteMade', { n: result.made.length })}</Typography.Text>
            <Table
              size="small"
              rowKey={(r) => `${r.rank}/${r.idNumber}`}
              pagination={false}
              dataSource={result.made}
              data-testid="promote-made"
              columns={[
                { title: t('competition.rank'), dataIndex: 'rank', width: 60 },
                { title: t('competition.promoteWho'), width: 170, render: (_: unknown, r: Promotion['made'][number]) => who(r) },
                { title: t('competition.promoteLevel'), dataIndex: 'levelLabel', width: 110 },
                { title: t('competition.promoteCertificate'), dataIndex: 'certificateNumber', render: (v: string | null) => v ?? '—' },
              ]}
            />
            <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
              {t('competition.promoteRefused', { n: result.refused.length })}
            </Typography.Text>
            <Table
              size="small"
              rowKey={(r) => `${r.rank}/${r.idNumber}/${r.entrant}`}
              pagination={false}
              dataSource={result.refused}
              data-testid="promote-refused"
              columns={[
                { title: t('competition.rank'), dataIndex: 'rank', width: 60 },
                { title: t('competition.promoteWho'), width: 170, render: (_: unknown, r: Promotion['refused'][number]) => who(r) },
                { title: t('competition.promoteLevel'), dataIndex: 'levelLabel', width: 110 },
                { title: t('competition.promoteReason'), dataIndex: 'reason' },
              ]}
            />
          </div>
        ) : null}
      </Modal>
    </>
  );
}
