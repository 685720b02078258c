// One 认定批次: its figures, the enrolled candidates (one by one or from a roster), the admission-number
// list, and finalizing with a summary of what will be locked.
import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Descriptions, Empty, Input, List, Modal, Result, Space, Statistic, Table, Tooltip } from 'antd';
import { EditOutlined, FormOutlined, ImportOutlined, LockOutlined, PrinterOutlined, RedoOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { useLiveUpdates } from '../useLiveUpdates';
import { rpc, RpcError, type OpResult } from '../rpc';
import { errorText, useAction } from '../useAction';
import { navigate } from '../router';
import { attemptLabel, formatRate, levelLabel, OutcomeTag, StatusTag } from '../labels';
import { SheetImport } from '../components/SheetImport';
import { CandidateModal } from '../components/CandidateModal';
import { PrintListButton, SessionPrintMenu } from '../components/printing/SessionPrintMenu';
import { ExportMenu, sessionExports } from '../components/ExportButtons';
import { CorrectionModal, CorrectionsCard } from '../components/Corrections';
import { EditSessionModal, finalizeReasons, IssueModal, RetakeModal, useIsAdmin, WithdrawModal } from '../components/SessionFlow';

type Session = OpResult<'sessions.get'>;

export function SessionPage({ id }: { id: number }) {
  const { t } = useI18n();
  const session = useRpc('sessions.get', { id });
  const enrolments = useRpc('enrolments.list', { sessionId: id });
  // Enrolments, scores and 定稿 made at other desks show here within a second.
  useLiveUpdates(
    (e) => e.sessionId === id,
    () => {
      session.reload();
      enrolments.reload();
    },
  );
  const [dialog, setDialog] = useState<'import' | 'scores' | 'enrol' | 'finalize' | 'admission' | 'correct' | 'edit' | 'retake' | 'issue' | null>(null);
  const [withdrawing, setWithdrawing] = useState<OpResult<'enrolments.list'>[number] | null>(null);
  const isAdmin = useIsAdmin();
  const corrections = useRpc('results.corrections', { sessionId: id }, session.data?.status === 'finalized');
  const reload = () => {
    session.reload();
    enrolments.reload();
    corrections.reload();
  };

  if (session.error) {
    return (
      <div className="page">
        <Result status="warning" title={session.error.message} extra={<Button onClick={() => navigate({ page: 'sessions' })}>{t('sessions.back')}</Button>} />
      </div>
    );
  }
  const s = session.data;
  const locked = s?.status === 'finalized';
  const list = enrolments.data ?? [];
  const why = s ? finalizeReasons(t, s, list.length, isAdmin) : { blocked: [], pending: null };
  return (
    <div className="page">
      <div className="page-head">
        <h2 data-testid="session-title">{s?.name ?? ' '}</h2>
        <Space wrap>
          <Button type="primary" icon={<EditOutlined />} disabled={!s || list.length === 0} onClick={() => navigate({ page: 'results', id })} data-testid="enter-results">
            {locked ? t('session.viewResults') : t('session.enterResults')}
          </Button>
          <Button icon={<ImportOutlined />} disabled={locked} onClick={() => setDialog('import')} data-testid="import-roster">
            {t('session.importRoster')}
          </Button>
          <Button icon={<UserAddOutlined />} disabled={locked} onClick={() => setDialog('enrol')}>
            {t('session.enrolOne')}
          </Button>
          <Tooltip title={t('session.importScoresTooltip')}>
            <Button icon={<ImportOutlined />} disabled={locked || list.length === 0} onClick={() => setDialog('scores')}>
              {t('session.importScores')}
            </Button>
          </Tooltip>
          <Button icon={<PrinterOutlined />} disabled={list.length === 0} onClick={() => setDialog('admission')}>
            {t('session.admissionList')}
          </Button>
          <SessionPrintMenu sessionId={id} disabled={list.length === 0} />
          <ExportMenu choices={sessionExports(id)} testId="session-export" />
          <Tooltip title={locked ? t('flow.editLocked') : undefined}>
            <Button icon={<FormOutlined />} disabled={!s || locked} onClick={() => setDialog('edit')} data-testid="edit-session">
              {t('flow.edit')}
            </Button>
          </Tooltip>
          <Tooltip title={<span data-testid="finalize-why">{why.blocked.length ? why.blocked.join('；') : (why.pending ?? t('session.finalizeTooltip'))}</span>}>
            <Button icon={<LockOutlined />} danger disabled={!s || why.blocked.length > 0} onClick={() => setDialog('finalize')} data-testid="finalize">
              {t('session.finalize')}
            </Button>
          </Tooltip>
        </Space>
      </div>
      {s ? <SessionFacts session={s} /> : null}
      {locked ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="next-steps"
          message={t('flow.next')}
          description={t('flow.nextHint')}
          action={
            <Space direction="vertical">
              <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={s.summary.passed === 0} onClick={() => setDialog('issue')} data-testid="issue-certificates">
                {t('flow.issue')}
              </Button>
              <Button icon={<RedoOutlined />} disabled={s.summary.passed === s.summary.registered} onClick={() => setDialog('retake')} data-testid="create-retake">
                {t('flow.retake')}
              </Button>
            </Space>
          }
        />
      ) : null}
      <Card size="small" title={t('session.enrolled', { n: list.length })}>
        {enrolments.data && list.length === 0 ? (
          <Empty className="empty-box" description={t('session.noCandidates')}>
            {!locked ? (
              <Space>
                <Button type="primary" onClick={() => setDialog('import')}>
                  {t('session.importRoster')}
                </Button>
                <Button onClick={() => setDialog('enrol')}>{t('session.enrolOne')}</Button>
              </Space>
            ) : null}
          </Empty>
        ) : (
        <Table
          size="small"
          rowKey="id"
          loading={enrolments.loading}
          dataSource={list}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('results.admission'), dataIndex: 'admissionNumber', width: 140, render: (v) => <span className="mono">{v}</span> },
            { title: t('candidate.name'), dataIndex: 'name', width: 100 },
            { title: t('candidate.gender'), dataIndex: 'gender', width: 60 },
            { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 190, render: (v) => <span className="mono">{v}</span> },
            { title: t('candidate.employer'), dataIndex: 'employer', ellipsis: true },
            { title: t('session.attempt'), dataIndex: 'attempt', width: 96, render: (v) => attemptLabel(t, v) },
            { title: t('results.outcome'), dataIndex: 'outcome', width: 90, render: (v) => <OutcomeTag t={t} outcome={v} /> },
            {
              title: '',
              width: 110,
              render: (_, r) => (
                <Tooltip title={locked ? t('flow.withdrawLocked') : undefined}>
                  <Button size="small" type="link" danger disabled={locked} onClick={() => setWithdrawing(r)} data-testid={`withdraw-${r.idNumber}`}>
                    {t('flow.withdraw')}
                  </Button>
                </Tooltip>
              ),
            },
          ]}
        />
        )}
      </Card>
      {locked ? <CorrectionsCard list={corrections} enrolments={list} onCorrect={() => setDialog('correct')} /> : null}
      <SheetImport kind="roster" sessionId={id} open={dialog === 'import'} onClose={() => setDialog(null)} onImported={reload} />
      <SheetImport kind="scores" sessionId={id} open={dialog === 'scores'} onClose={() => setDialog(null)} onImported={reload} />
      <EnrolOne sessionId={id} open={dialog === 'enrol'} onClose={() => setDialog(null)} onEnrolled={reload} />
      {s ? <FinalizeModal session={s} open={dialog === 'finalize'} onClose={() => setDialog(null)} onDone={reload} /> : null}
      {s && locked ? (
        <CorrectionModal sessionId={id} parts={s.parts} enrolments={list} open={dialog === 'correct'} onClose={() => setDialog(null)} onCorrected={reload} />
      ) : null}
      {s ? <AdmissionList session={s} rows={list} open={dialog === 'admission'} onClose={() => setDialog(null)} /> : null}
      {s ? <EditSessionModal session={s} enrolled={list.length} open={dialog === 'edit'} onClose={() => setDialog(null)} onSaved={reload} /> : null}
      {s && locked ? <RetakeModal session={s} open={dialog === 'retake'} onClose={() => setDialog(null)} /> : null}
      {s && locked ? <IssueModal session={s} open={dialog === 'issue'} onClose={() => setDialog(null)} onIssued={reload} /> : null}
      <WithdrawModal enrolment={withdrawing} onClose={() => setWithdrawing(null)} onDone={reload} />
    </div>
  );
}

function SessionFacts({ session: s }: { session: Session }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <div style={{ display: 'flex', gap: 32, alignItems: 'center', flexWrap: 'wrap' }}>
        <Descriptions size="small" column={3} style={{ flex: '1 1 520px' }}>
          <Descriptions.Item label={t('session.occupation')}>
            {s.occupationName}（{s.occupationCode}）
          </Descriptions.Item>
          <Descriptions.Item label={t('session.level')}>{levelLabel(t, s.level)}</Descriptions.Item>
          <Descriptions.Item label={t('session.specialty')}>{s.specialty ?? '--'}</Descriptions.Item>
          <Descriptions.Item label={t('session.date')}>
            {s.examDate}
            {s.endDate ? ` ~ ${s.endDate}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('session.attempt')}>{attemptLabel(t, s.attempt)}</Descriptions.Item>
          <Descriptions.Item label={t('session.venue')}>
            <span data-testid="session-venue">{s.venue ?? '--'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('session.status')} span={2}>
            <StatusTag t={t} status={s.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('session.parts')} span={3}>
            {s.parts.map((p) => t('session.partWithMark', { part: p.label, mark: p.passMark })).join('；')}
          </Descriptions.Item>
        </Descriptions>
        <Space size={28}>
          <Statistic title={t('figure.registered')} value={s.summary.registered} />
          <Statistic title={t('figure.absent')} value={s.summary.absent} />
          <Statistic title={t('figure.pending')} value={s.summary.pending} />
          <Statistic title={t('figure.passed')} value={s.summary.passed} />
          <Statistic title={t('figure.passRate')} valueRender={() => <span data-figure="session-pass-rate">{formatRate(s.summary.passRate)}</span>} />
        </Space>
      </div>
    </Card>
  );
}

/** Refusals an administrator may override with a reason (audited): a person who already qualifies, or whom no 申报条件 admits. */
const OVERRIDABLE = ['ALREADY_CERTIFIED', 'NOT_ELIGIBLE'];

interface Refusal {
  candidateId: number;
  code: string;
  message: string;
  reasons: string[];
}

function EnrolOne({ sessionId, open, onClose, onEnrolled }: { sessionId: number; open: boolean; onClose: () => void; onEnrolled: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<OpResult<'candidates.search'>['items']>([]);
  const { error, setError, busy, run } = useAction();
  const [adding, setAdding] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [reason, setReason] = useState('');
  const isAdmin = useIsAdmin();

  useEffect(() => {
    if (!open) return;
    const q = text.trim();
    const h = setTimeout(() => rpc('candidates.search', { query: q, limit: 20 }).then((r) => setOptions(r.items), () => setOptions([])), 120);
    return () => clearTimeout(h);
  }, [text, open]);

  const enrol = async (candidateId: number) => {
    setRefusal(null);
    setReason('');
    setError(null);
    try {
      const e = await rpc('enrolments.add', { sessionId, candidateId });
      message.success(t('enrol.done', { name: e.name, number: e.admissionNumber }));
      setText('');
      onEnrolled();
    } catch (e) {
      // A refusal an administrator may override stays on screen with the reasons and the way to override it.
      if (e instanceof RpcError && OVERRIDABLE.includes(e.code)) {
        const reasons = (e.details as { reasons?: string[] } | undefined)?.reasons ?? [];
        setRefusal({ candidateId, code: e.code, message: e.message, reasons });
      } else setError(errorText(e));
    }
  };

  const override = () =>
    run(async () => {
      const e = await rpc('enrolments.add', { sessionId, candidateId: refusal!.candidateId, override: { reason } });
      message.success(t('enrol.overridden', { name: e.name, number: e.admissionNumber }));
      setRefusal(null);
      setReason('');
      setText('');
      onEnrolled();
    });

  return (
    <>
      <Modal open={open && !adding} title={t('enrol.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.done')}</Button>} width={680}>
        <p className="muted">{t('enrol.hint')}</p>
        <AutoComplete
          style={{ width: '100%' }}
          value={text}
          onChange={setText}
          onSelect={(v: string) => {
            // The option's value is the candidate's id: never leave it standing in the search box.
            setText('');
            void enrol(Number(v));
          }}
          options={options.map((c) => ({ value: String(c.id), label: `${c.name}　${c.idNumber}　${c.employer ?? ''}` }))}
        >
          <Input.Search autoFocus placeholder={t('candidates.searchPlaceholder')} />
        </AutoComplete>
        {refusal ? <RefusalNotice refusal={refusal} isAdmin={isAdmin} reason={reason} onReason={setReason} busy={busy} onOverride={() => void override()} /> : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="enrol-error" /> : null}
        <div style={{ marginTop: 16 }}>
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
            {t('enrol.newCandidate')}
          </Button>
        </div>
      </Modal>
      <CandidateModal
        open={open && adding}
        candidate={null}
        onClose={() => setAdding(false)}
        onSaved={(c) => {
          setAdding(false);
          void enrol(c.id);
        }}
      />
    </>
  );
}

/** The refusal in words — for 申报条件 each clause and what it lacks — and, for an administrator, the override with its reason. */
function RefusalNotice({ refusal, isAdmin, reason, onReason, busy, onOverride }: { refusal: Refusal; isAdmin: boolean; reason: string; onReason: (r: string) => void; busy: boolean; onOverride: () => void }) {
  const { t } = useI18n();
  const joined = refusal.reasons.join('；');
  const at = joined ? refusal.message.indexOf(joined) : -1;
  // The server's sentence names the person, then the reasons, then what to do: the reasons read better as a list.
  const head = at > 0 ? refusal.message.slice(0, at).replace(/[：:]$/, '') : refusal.message;
  const advice = at > 0 ? refusal.message.slice(at + joined.length).replace(/^[。；\s]+/, '') : '';
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="enrol-refusal"
      data-code={refusal.code}
      message={head}
      description={
        <>
          {at > 0 ? (
            <>
              <div>{t('enrol.reasons')}</div>
              <ul style={{ margin: '4px 0 8px', paddingInlineStart: 20 }} data-testid="enrol-reasons">
                {refusal.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              {advice ? <div className="muted">{advice}</div> : null}
            </>
          ) : null}
          {isAdmin ? (
            <div style={{ marginTop: 8 }}>
              <div>{t('enrol.refusedOverride')}</div>
              <Space.Compact style={{ width: '100%', marginTop: 4 }}>
                <Input value={reason} onChange={(e) => onReason(e.target.value)} placeholder={t('enrol.overrideReason')} onPressEnter={onOverride} data-testid="override-reason" />
                <Button danger loading={busy} disabled={!reason.trim()} onClick={onOverride} data-testid="override-enrol">
                  {t('enrol.override')}
                </Button>
              </Space.Compact>
            </div>
          ) : (
            <div style={{ marginTop: 8 }}>{t('enrol.overrideClerk')}</div>
          )}
        </>
      }
    />
  );
}

function FinalizeModal({ session, open, onClose, onDone }: { session: Session; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const preview = useRpc('sessions.finalizePreview', { id: session.id }, open);
  const { busy, error, run } = useAction();
  const p = preview.data;
  const s = p?.session.summary;

  const finalize = async () => {
    await run(async () => {
      await rpc('sessions.finalize', { id: session.id });
      onClose();
      onDone();
    });
  };

  return (
    <Modal
      open={open}
      title={t('finalize.title')}
      onCancel={onClose}
      okText={t('finalize.confirm')}
      okButtonProps={{ danger: true, disabled: !p?.canFinalize, loading: busy, 'data-testid': 'finalize-confirm' } as never}
      cancelText={t('common.cancel')}
      onOk={finalize}
      width={620}
    >
      {preview.error ? <Alert type="error" showIcon message={preview.error.message} /> : null}
      {p && s ? (
        <>
          <p>{t('finalize.intro', { name: p.session.name })}</p>
          <Space size={32} style={{ margin: '8px 0 16px' }} data-testid="finalize-summary">
            <Statistic title={t('figure.registered')} value={s.registered} />
            <Statistic title={t('figure.absent')} value={s.absent} />
            <Statistic title={t('figure.sat')} value={s.sat} />
            <Statistic title={t('figure.passed')} value={s.passed} />
            <Statistic title={t('figure.passRate')} value={formatRate(s.passRate)} />
          </Space>
          <Alert type="warning" showIcon message={t('finalize.locks')} description={t('finalize.locksDetail')} />
          {p.pendingCandidates.length > 0 ? (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              message={t('finalize.pending', { n: p.pendingCandidates.length })}
              description={
                <List
                  size="small"
                  dataSource={p.pendingCandidates.slice(0, 10)}
                  renderItem={(c) => (
                    <List.Item style={{ padding: '2px 0' }}>
                      {c.name}　{c.idNumber}
                    </List.Item>
                  )}
                />
              }
            />
          ) : null}
          {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
        </>
      ) : null}
    </Modal>
  );
}

function AdmissionList({ session, rows, open, onClose }: { session: Session; rows: OpResult<'enrolments.list'>; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={t('admission.title')}
      onCancel={onClose}
      width={760}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <PrintListButton sessionId={session.id} kind="admission-list" />
        </Space>
      }
    >
      <div className="print-area">
        <h3 style={{ textAlign: 'center', margin: '4px 0 12px' }}>{t('admission.heading', { name: session.name })}</h3>
        <Table
          size="small"
          bordered
          rowKey="id"
          pagination={false}
          dataSource={rows}
          scroll={{ y: 480 }}
          columns={[
            { title: t('admission.seq'), width: 60, className: 'num', render: (_, __, i) => i + 1 },
            { title: t('results.admission'), dataIndex: 'admissionNumber', width: 150 },
            { title: t('candidate.name'), dataIndex: 'name', width: 100 },
            { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 190 },
            { title: t('candidate.employer'), dataIndex: 'employer', ellipsis: true },
          ]}
        />
      </div>
    </Modal>
  );
}
