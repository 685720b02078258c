// 考生档案: one person on one page — who they are, every session they were enrolled in with each
// part's score (保留 for a part carried into a 补考), the outcome, every certificate, and what the
// 申报条件 are checked against (参加工作时间, 文化程度, certificates from elsewhere).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Table, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { navigate, routeHash } from '../router';
import { attemptLabel, levelLabel, OutcomeTag } from '../labels';
import { CandidateModal } from '../components/CandidateModal';
import { BackgroundCard } from '../components/eligibility/BackgroundCard';
import type { OpResult } from '../rpc';

type History = OpResult<'candidates.history'>;
type EnrolmentRow = History['enrolments'][number];
type PartRow = EnrolmentRow['parts'][number];
type CertificateRow = History['certificates'][number];

const STATE_COLOURS: Record<CertificateRow['state'], string> = { valid: 'green', void: 'default', reissued: 'orange' };

function PartTag({ t, p }: { t: Translate; p: PartRow }) {
  const part = t(`part.${p.part}` as MessageKey);
  if (p.status === 'carried') {
    return (
      <Tooltip title={t('person.carriedFrom', { session: p.carriedFrom?.name ?? '' })}>
        <Tag color="blue" data-status="carried">
          {part} {p.score} · {t('person.carried')}
        </Tag>
      </Tooltip>
    );
  }
  if (p.status === 'scored') return <Tag data-status="scored">{part} {p.score}</Tag>;
  if (p.status === 'pending') return <Tag data-status="pending" className="muted">{part} {t('person.notKeyed')}</Tag>;
  return <Tag color="red" data-status={p.status}>{part} {t(`word.${p.status}` as MessageKey)}</Tag>;
}

export function CandidatePage({ id }: { id: number }) {
  const { t } = useI18n();
  const history = useRpc('candidates.history', { id });
  const [editing, setEditing] = useState(false);
  const photo = useRpc('candidates.photo', { id }, history.data?.candidate.hasPhoto === true);
  const c = history.data?.candidate;

  return (
    <div className="page" data-testid="candidate-page">
      <div className="page-head">
        <h2>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'candidates' })} aria-label={t('person.back')} />
          {c ? c.name : t('person.title')}
        </h2>
        {c ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null}
      </div>
      {history.error ? <Alert type="error" showIcon message={history.error.message} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" loading={history.loading && !c} style={{ marginBottom: 12 }}>
        {c ? (
          <div style={{ display: 'flex', gap: 24 }}>
            <div className="person-photo" data-testid="person-photo">
              {photo.data?.base64 ? <img alt={t('photo.alt')} src={`data:image/jpeg;base64,${photo.data.base64}`} style={{ width: 105, height: 147, objectFit: 'cover', border: '1px solid #ddd' }} /> : (
                <div className="muted" style={{ width: 105, height: 147, border: '1px dashed #ccc', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                  {t('photo.none')}
                </div>
              )}
            </div>
            <Descriptions size="small" column={2} style={{ flex: 1 }}>
              <Descriptions.Item label={t('candidate.name')}>{c.name}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.gender')}>{c.gender ? t(c.gender === '男' ? 'gender.male' : 'gender.female') : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.idType')}>{c.idType}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.idNumber')}>
                <span className="mono">{c.idNumber}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('candidate.birthDate')}>{c.birthDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.phone')}>{c.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.education')}>{c.education ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.employer')}>{c.employer ?? '—'}</Descriptions.Item>
            </Descriptions>
          </div>
        ) : null}
      </Card>

      {c ? <BackgroundCard idNumber={c.idNumber} onChanged={history.reload} /> : null}

      <Card size="small" title={t('person.enrolments')} style={{ marginBottom: 12 }}>
        <Table<EnrolmentRow>
          size="small"
          rowKey="enrolmentId"
          pagination={false}
          dataSource={history.data?.enrolments ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.noEnrolments')} /> }}
          data-testid="person-enrolments"
          columns={[
            { title: t('person.examDate'), dataIndex: 'examDate', width: 105 },
            {
              title: t('person.session'),
              render: (_, e) => <a href={routeHash({ page: 'session', id: e.sessionId })}>{e.sessionName}</a>,
            },
            {
              title: t('person.occupationLevel'),
              width: 220,
              render: (_, e) => `${e.occupationName}${e.specialty ? `（${e.specialty}）` : ''} · ${levelLabel(t, e.level)}`,
            },
            { title: t('person.attempt'), width: 90, render: (_, e) => attemptLabel(t, e.attempt) },
            { title: t('person.admissionNumber'), dataIndex: 'admissionNumber', width: 150, render: (v: string) => <span className="mono">{v}</span> },
            { title: t('person.parts'), render: (_, e) => e.parts.map((p) => <PartTag key={p.part} t={t} p={p} />) },
            { title: t('person.outcome'), width: 90, render: (_, e) => <OutcomeTag t={t} outcome={e.outcome} /> },
          ]}
        />
      </Card>

      <Card size="small" title={t('person.certificates')}>
        <Table<CertificateRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={history.data?.certificates ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.noCertificates')} /> }}
          data-testid="person-certificates"
          columns={[
            { title: t('person.certificateNumber'), dataIndex: 'number', width: 230, render: (v: string) => <span className="mono">{v}</span> },
            { title: t('person.issueDate'), dataIndex: 'issueDate', width: 110 },
            {
              title: t('person.occupationLevel'),
              render: (_, x) => (x.occupationName ? `${x.occupationName}${x.specialty ? `（${x.specialty}）` : ''} · ${x.level ? levelLabel(t, x.level) : ''}` : '—'),
            },
            {
              title: t('person.certificateState'),
              width: 300,
              render: (_, x) => (
                <span>
                  <Tag color={STATE_COLOURS[x.state]} data-state={x.state}>
                    {t(`person.state.${x.state}` as MessageKey)}
                  </Tag>
                  {x.replacedByNumber ? <span className="muted">{t('person.replacedBy', { number: x.replacedByNumber })}</span> : null}
                  {x.replacesNumber ? <span className="muted">{t('person.replaces', { number: x.replacesNumber })}</span> : null}
                  {x.state === 'void' && x.voidReason ? <span className="muted">{x.voidReason}</span> : null}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <CandidateModal
        open={editing}
        candidate={c ?? null}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          history.reload();
          photo.reload();
        }}
      />
    </div>
  );
}
