// What comes after the happy path of a session: correcting it (edit, delete, 移出本批次) before 定稿,
// and after 定稿 the two next steps, 发证 and 建补考批次. The rules live in services/sessions and
// services/certificates; these dialogs ask them and show their words.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, List, Modal, Select, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useI18n, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';
import { navigate } from '../router';
import { DateField } from './DateField';

type Session = OpResult<'sessions.get'>;
type Enrolment = OpResult<'enrolments.list'>[number];

/** The officer's calendar day, as the services count it (services/shared/dates.ts todayIso). */
export function todayText(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** Whoever is logged in may finalize only as an administrator; with no accounts at all, anyone may. */
export function useIsAdmin(): boolean {
  const status = useRpc('operators.status', {});
  const role = status.data?.current?.role;
  return role === undefined || role === 'admin';
}

/** Why 定稿 cannot be pressed now (greyed out), or why it would refuse (pending scores: the dialog names who). */
export function finalizeReasons(t: Translate, s: Session, enrolled: number, isAdmin: boolean): { blocked: string[]; pending: string | null } {
  const blocked: string[] = [];
  if (s.status === 'finalized') blocked.push(t('flow.whyFinalized'));
  else {
    if (enrolled === 0) blocked.push(t('flow.whyNoCandidates'));
    if (s.examDate > todayText()) blocked.push(t('flow.whyFuture', { date: s.examDate }));
    if (!isAdmin) blocked.push(t('flow.whyNotAdmin'));
  }
  const pending = s.status !== 'finalized' && s.summary.pending > 0 ? t('flow.whyPending', { n: s.summary.pending }) : null;
  return { blocked, pending };
}

/** 修改批次: name, exam date, venue and 工种, before 定稿; 删除 while nobody is enrolled. */
export function EditSessionModal({ session, enrolled, open, onClose, onSaved }: { session: Session; enrolled: number; open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ name: string; date: string; venue?: string; specialty?: string }>();
  const catalog = useRpc('occupations.list', {}, open);
  const specialties = catalog.data?.find((o) => o.code === session.occupationCode)?.specialties ?? [];
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({ name: session.name, date: session.examDate, venue: session.venue ?? '', specialty: session.specialty ?? undefined });
  }, [open, session, form, setError]);

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await rpc('sessions.update', { id: session.id, name: v.name, date: v.date, venue: v.venue?.trim() || null, specialty: v.specialty || null });
      message.success(t('flow.saved'));
      onClose();
      onSaved();
    });
  };
  const remove = () =>
    modal.confirm({
      title: t('flow.delete'),
      content: t('flow.deleteConfirm', { name: session.name }),
      okButtonProps: { danger: true, 'data-testid': 'delete-session-confirm' } as never,
      okText: t('flow.delete'),
      cancelText: t('common.cancel'),
      onOk: () =>
        run(async () => {
          await rpc('sessions.delete', { id: session.id });
          message.success(t('flow.deleted', { name: session.name }));
          onClose();
          navigate({ page: 'sessions' });
        }),
    });

  return (
    <Modal
      open={open}
      title={t('flow.editTitle')}
      onCancel={onClose}
      width={620}
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span title={enrolled > 0 ? t('flow.deleteBlocked', { n: enrolled }) : undefined}>
            <Button danger disabled={enrolled > 0} onClick={remove} data-testid="delete-session">
              {t('flow.delete')}
            </Button>
          </span>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={save} data-testid="edit-session-save">
              {t('common.save')}
            </Button>
          </Space>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="edit-session-error" /> : null}
      {enrolled > 0 ? <p className="muted">{t('flow.deleteBlocked', { n: enrolled })}</p> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('session.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} data-testid="edit-session-name" />
        </Form.Item>
        <Space size={16} style={{ display: 'flex' }} align="start">
          <Form.Item name="date" label={t('session.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('sessions.dateFormat') }]} style={{ width: 200 }}>
            <DateField testId="edit-session-date" />
          </Form.Item>
          <Form.Item name="specialty" label={t('session.specialty')} style={{ width: 340 }}>
            <Select allowClear disabled={specialties.length === 0} options={specialties.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Space>
        <Form.Item name="venue" label={t('session.venue')}>
          <Input maxLength={100} data-testid="edit-session-venue" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 移出本批次: one enrolment, with a reason; refused by the service once the session is finalized. */
export function WithdrawModal({ enrolment, onClose, onDone }: { enrolment: Enrolment | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    setReason('');
    setError(null);
  }, [enrolment, setError]);
  const withdraw = () =>
    run(async () => {
      const r = await rpc('enrolments.remove', { enrolmentId: enrolment!.id, reason });
      message.success(t('flow.withdrawDone', { name: r.name }));
      onClose();
      onDone();
    });
  return (
    <Modal
      open={enrolment !== null}
      title={enrolment ? t('flow.withdrawTitle', { name: enrolment.name }) : ''}
      okText={t('flow.withdraw')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy, 'data-testid': 'withdraw-confirm' } as never}
      cancelText={t('common.cancel')}
      onOk={withdraw}
      onCancel={onClose}
    >
      <p className="muted">{t('flow.withdrawHint')}</p>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Input.TextArea autoFocus rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('flow.withdrawReason')} data-testid="withdraw-reason" />
    </Modal>
  );
}

/** 建补考批次 from a finalized session: date (+ name), then who was enrolled, who not and why. */
export function RetakeModal({ session, open, onClose }: { session: Session; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<OpResult<'sessions.retake'> | null>(null);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    if (!open) return;
    setDate('');
    setName('');
    setDone(null);
    setError(null);
  }, [open, setError]);
  const create = () =>
    run(async () => {
      const r = await rpc('sessions.retake', { id: session.id, date, name: name.trim() || undefined });
      setDone(r);
      // Nobody skipped: nothing more to read here, so the new session opens at once.
      if (r.skipped.length === 0) openNew(r.id);
    });
  const openNew = (id: number) => {
    onClose();
    navigate({ page: 'session', id });
  };
  return (
    <Modal
      open={open}
      title={t('flow.retake')}
      onCancel={onClose}
      width={620}
      footer={
        done ? (
          <Button type="primary" onClick={() => openNew(done.id)} data-testid="retake-open">
            {t('flow.retakeOpen')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!date} loading={busy} onClick={create} data-testid="retake-create">
              {t('flow.retakeCreate')}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <div data-testid="retake-result">
          <Alert type="success" showIcon message={t('flow.retakeDone', { n: done.enrolled })} style={{ marginBottom: 12 }} />
          {done.skipped.length > 0 ? (
            <>
              <p>{t('flow.retakeSkipped', { n: done.skipped.length })}</p>
              <List size="small" bordered dataSource={done.skipped} renderItem={(s) => <List.Item>{`${s.name}（${s.idNumber}）：${s.reason}`}</List.Item>} />
            </>
          ) : null}
        </div>
      ) : (
        <>
          <p className="muted">{t('flow.retakeIntro')}</p>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="retake-error" /> : null}
          <Form layout="vertical">
            <Form.Item label={t('flow.retakeDate')} required>
              <DateField value={date} onChange={setDate} testId="retake-date" width={200} />
            </Form.Item>
            <Form.Item label={t('flow.retakeName')}>
              <Input maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** 发证: the date (today unless changed; never after today nor before the exam), what it will do, then confirm. */
export function IssueModal({ session, open, onClose, onIssued }: { session: { id: number; name: string; examDate: string } | null; open: boolean; onClose(): void; onIssued(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [date, setDate] = useState(todayText());
  useEffect(() => {
    if (open) setDate(todayText());
  }, [open]);
  const preview = useRpc('certificates.issuePreview', { sessionId: session?.id ?? 0, date }, open && session !== null && date !== '');
  const { busy, error, setError, run } = useAction();
  useEffect(() => setError(null), [open, date, setError]);
  const p = preview.data;
  const issue = () =>
    run(async () => {
      const r = await rpc('certificates.issue', { sessionId: session!.id, date });
      message.success(t('flow.issueDone', { n: r.issued.length }));
      onClose();
      onIssued();
    });
  return (
    <Modal
      open={open}
      title={session ? t('flow.issueTitle', { name: session.name }) : ''}
      onCancel={onClose}
      width={640}
      okText={t('flow.issueConfirm')}
      cancelText={t('common.cancel')}
      onOk={issue}
      okButtonProps={{ disabled: !p || p.count === 0 || preview.loading || !!preview.error, loading: busy, 'data-testid': 'issue-confirm' } as never}
    >
      <Form layout="vertical">
        <Form.Item label={t('flow.issueDate')} extra={session ? t('flow.issueDateHint', { date: session.examDate }) : undefined}>
          <DateField value={date} onChange={setDate} testId="issue-date" width={200} />
        </Form.Item>
      </Form>
      {preview.error ? <Alert type="error" showIcon message={preview.error.message} data-testid="issue-preview-error" /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
      {preview.loading && !p ? <Spin /> : null}
      {p && !preview.error ? (
        <div data-testid="issue-preview">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('flow.issueDate')}>{p.date}</Descriptions.Item>
            <Descriptions.Item label={t('flow.issue')}>
              <strong data-testid="issue-count">{p.count === 0 ? t('flow.issueNone') : t('flow.issueCount', { n: p.count })}</strong>
            </Descriptions.Item>
            {p.first ? (
              <Descriptions.Item label={t('certs.number')}>
                <span className="mono" data-testid="issue-range">
                  {t('flow.issueRange', { first: p.first, last: p.last ?? p.first })}
                </span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {p.alreadyIssued.length > 0 ? <p className="muted" style={{ marginTop: 8 }}>{t('flow.issueAlready', { n: p.alreadyIssued.length })}</p> : null}
          {p.skipped.length > 0 ? (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              message={t('flow.issueSkipped', { n: p.skipped.length })}
              description={p.skipped.map((s) => `${s.name}（${s.number}）`).join('、')}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
