// 更正成绩: a finalized session stays locked; only an administrator changes a result in it, with a
// reason, and every correction is listed on the session page and in the next export (docs/用户手册.md
// § 7 定稿). The rule itself lives in services/results/results.ts (correctResult).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Segmented, Select, Table } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc, type Loaded } from '../useRpc';
import { rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';
import { partLabel } from '../labels';
import { describeScore } from '../grid/ScoreHistory';

type Enrolment = OpResult<'enrolments.list'>[number];
type Part = OpResult<'sessions.get'>['parts'][number];
type Kind = 'score' | 'absent' | 'misconduct';

export function CorrectionModal({
  sessionId,
  parts,
  enrolments,
  open,
  onClose,
  onCorrected,
}: {
  sessionId: number;
  parts: readonly Part[];
  enrolments: readonly Enrolment[];
  open: boolean;
  onClose(): void;
  onCorrected(): void;
}) {
  const { t } = useI18n();
  const [enrolmentId, setEnrolmentId] = useState<number | undefined>(undefined);
  const [part, setPart] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<Kind>('score');
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  // What the result is now, so the officer sees what the correction replaces.
  const results = useRpc('results.get', { sessionId }, open);
  const current = results.data?.candidates.find((c) => c.enrolmentId === enrolmentId)?.parts.find((p) => p.part === part);

  const close = () => {
    setEnrolmentId(undefined);
    setPart(undefined);
    setKind('score');
    setScore('');
    setReason('');
    setError(null);
    onClose();
  };
  const save = () =>
    run(async () => {
      const value = kind === 'score' ? { score } : kind === 'absent' ? { absent: true } : { misconduct: true };
      await rpc('results.correct', { sessionId, enrolmentId: enrolmentId!, part: part!, reason, ...value });
      onCorrected();
      close();
    });

  const ready = enrolmentId !== undefined && part !== undefined && reason.trim() !== '' && (kind !== 'score' || score.trim() !== '');
  return (
    <Modal
      open={open}
      title={t('correction.title')}
      onCancel={close}
      onOk={save}
      okText={t('correction.save')}
      okButtonProps={{ disabled: !ready, loading: busy, danger: true }}
      cancelText={t('common.cancel')}
      destroyOnClose
    >
      <Alert type="warning" showIcon message={t('correction.hint')} style={{ marginBottom: 12 }} />
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="correction-error" /> : null}
      <Form layout="vertical">
        <Form.Item label={t('candidate.name')} required>
          <Select
            showSearch
            optionFilterProp="label"
            value={enrolmentId}
            onChange={setEnrolmentId}
            placeholder={t('correction.pickCandidate')}
            options={enrolments.map((e) => ({ value: e.id, label: `${e.name}　${e.idNumber}` }))}
            data-testid="correction-candidate"
          />
        </Form.Item>
        <Form.Item label={t('correction.part')} required>
          <Select value={part} onChange={setPart} placeholder={t('correction.pickPart')} options={parts.map((p) => ({ value: p.part, label: p.label }))} data-testid="correction-part" />
        </Form.Item>
        {enrolmentId !== undefined && part !== undefined ? (
          <Form.Item label={t('correction.current')}>
            <strong data-testid="correction-current">{current ? describeScore(t, { status: current.status, score: current.score, carriedFrom: current.carriedFrom?.sessionId }) || t('grid.empty') : '…'}</strong>
          </Form.Item>
        ) : null}
        <Form.Item label={t('correction.newResult')} required>
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            options={[
              { value: 'score', label: t('correction.score') },
              { value: 'absent', label: t('word.absent') },
              { value: 'misconduct', label: t('word.misconduct') },
            ]}
          />
          {kind === 'score' ? (
            <Input style={{ width: 120, marginLeft: 12 }} value={score} onChange={(e) => setScore(e.target.value)} suffix={t('settings.points')} data-testid="correction-score" />
          ) : null}
        </Form.Item>
        <Form.Item label={t('correction.reason')} required>
          <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('correction.reasonPlaceholder')} data-testid="correction-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The corrections made to a finalized session, oldest first (results.corrections). */
export function CorrectionsCard({ list, enrolments, onCorrect }: { list: Loaded<OpResult<'results.corrections'>>; enrolments: readonly Enrolment[]; onCorrect(): void }) {
  const { t } = useI18n();
  const names = new Map(enrolments.map((e) => [e.id, e.name]));
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('correction.listTitle', { n: list.data?.length ?? 0 })}
      extra={
        <Button size="small" icon={<EditOutlined />} onClick={onCorrect} data-testid="correct-result">
          {t('correction.title')}
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="seq"
        pagination={false}
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: list.error ? list.error.message : t('correction.none') }}
        data-testid="corrections"
        columns={[
          { title: t('history.at'), dataIndex: 'at', width: 170, render: (v: string) => v.replace('T', ' ').slice(0, 19) },
          { title: t('history.operator'), width: 100, render: (_, r) => r.operatorName ?? r.operator },
          {
            title: t('candidate.name'),
            width: 100,
            render: (_, r) => names.get(Number(String(r.entityId).split(':')[0])) ?? r.entityId,
          },
          { title: t('correction.part'), width: 100, render: (_, r) => partLabel(t, String(r.entityId).split(':')[1] ?? '') },
          { title: t('history.change'), width: 130, render: (_, r) => `${describeScore(t, r.oldValue)} → ${describeScore(t, r.newValue)}` },
          { title: t('history.reason'), dataIndex: 'reason', ellipsis: true },
        ]}
      />
    </Card>
  );
}
