// 核验证书: the text a scanner reads from a certificate's QR code, checked against its Ed25519
// signature offline (services/certificates/verify.ts) — genuine and unaltered, or why not.
import { useState } from 'react';
import { Alert, Button, Descriptions, Input, Modal } from 'antd';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';

type Verdict = OpResult<'certificates.verify'>;

export function VerifyModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const { busy, error, run } = useAction();
  const verify = () =>
    run(async () => {
      setVerdict(null);
      setVerdict(await rpc('certificates.verify', { text }));
    });
  const c = verdict?.certifies;
  const training = verdict?.training;
  const award = verdict?.award;
  return (
    <Modal open={open} title={t('verify.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={680}>
      <p className="muted">{t('verify.hint')}</p>
      <Input.TextArea
        autoFocus
        rows={4}
        className="mono"
        value={text}
        onChange={(e) => (setText(e.target.value), setVerdict(null))}
        placeholder={t('verify.placeholder')}
        data-testid="verify-text"
      />
      <Button type="primary" style={{ marginTop: 8 }} disabled={!text.trim()} loading={busy} onClick={verify} data-testid="verify-run">
        {t('verify.run')}
      </Button>
      {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
      {verdict ? (
        <div style={{ marginTop: 12 }} data-testid="verify-result">
          {verdict.valid ? (
            <Alert type="success" showIcon message={t('verify.valid')} description={verdict.status === 'unknown' ? t('verify.notLocal') : t('verify.local')} />
          ) : (
            <Alert type="error" showIcon message={t('verify.invalid')} description={verdict.reason} />
          )}
          {c ? (
            <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('certs.number')} span={2}>
                <span className="mono">{c.number}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('candidate.name')}>{c.name}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.idNumber')}>
                <span className="mono">{c.idNumber}</span>
              </Descriptions.Item>
              {training ? (
                <>
                  <Descriptions.Item label={t('verify.trainingClass')} span={2}>
                    {training.className}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('verify.trainingDates')}>{`${training.from} – ${training.to}`}</Descriptions.Item>
                  <Descriptions.Item label={t('verify.trainingHours')}>{training.hours}</Descriptions.Item>
                  <Descriptions.Item label={t('verify.trainingOrganiser')}>{training.organiser}</Descriptions.Item>
                </>
              ) : (
                <>
                  <Descriptions.Item label={t('session.occupation')}>{c.occupation}</Descriptions.Item>
                  <Descriptions.Item label={t('session.level')}>{c.levelLabel}</Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t('certs.issueDate')}>{c.issueDate}</Descriptions.Item>
              {training ? null : <Descriptions.Item label={t('verify.institution')}>{c.institution}</Descriptions.Item>}
            </Descriptions>
          ) : null}
          {award ? (
            // A 获奖证书 certifies a place in a competition, not a skill level.
            <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }} data-testid="verify-award">
              <Descriptions.Item label={t('verify.awardNumber')} span={2}>
                <span className="mono">{award.awardNumber}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.awardCompetition')} span={2}>
                {award.competition}
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.awardWinner')}>{award.winner}</Descriptions.Item>
              <Descriptions.Item label={t('verify.awardMembers')}>{award.members || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('verify.awardRank')}>{award.rank}</Descriptions.Item>
              <Descriptions.Item label={t('verify.awardPrize')}>{award.prize}</Descriptions.Item>
              <Descriptions.Item label={t('verify.awardDate')}>{award.date}</Descriptions.Item>
              <Descriptions.Item label={t('verify.awardBy')}>{award.awardedBy}</Descriptions.Item>
            </Descriptions>
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
