// 证书: issue certificates for a finalized session, print them (whole page or on pre-printed stock),
// void or reissue one with a reason, import numbers the provincial system assigned, calibrate the
// pre-printed stock, and verify a scanned QR code. The certificate rules live in services/certificates.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { AimOutlined, FilePdfOutlined, ImportOutlined, SafetyCertificateOutlined, ScanOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { downloadFile, rpc } from '../rpc';
import { useAction } from '../useAction';
import { navigate } from '../router';
import { EmptyPage } from '../components/EmptyPage';
import { ReissueModal } from '../components/certificates/ReissueModal';
import { CertificateImport } from '../components/certificates/CertificateImport';
import { CalibrationModal } from '../components/certificates/CalibrationModal';
import { VerifyModal } from '../components/certificates/VerifyModal';
import { PrintOneCertificate, useCertificateSelection } from '../components/printing/CertificatePrint';
import { IssueModal } from '../components/SessionFlow';

export function CertificatesPage() {
  const { t } = useI18n();
  const finalized = useRpc('sessions.list', { status: 'finalized' });
  const [sessionId, setSessionId] = useState<number | undefined>(undefined);
  const certs = useRpc('certificates.list', { sessionId }, sessionId !== undefined);
  const [doing, setDoing] = useState<string | null>(null);
  const { busy: running, error, run } = useAction();
  const busy = running ? doing : null;
  const [voiding, setVoiding] = useState<{ number: string; reason: string } | null>(null);
  const [reissuing, setReissuing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'import' | 'calibration' | 'verify' | null>(null);
  const selection = useCertificateSelection();
  const awaiting = useRpc('certificates.awaiting', {});
  const [issuing, setIssuing] = useState<{ id: number; name: string; examDate: string } | null>(null);
  const afterIssue = () => {
    certs.reload();
    awaiting.reload();
  };

  useEffect(() => {
    if (sessionId === undefined && finalized.data?.[0]) setSessionId(finalized.data[0].id);
  }, [finalized.data, sessionId]);

  const act = async (what: string, fn: () => Promise<void>) => {
    setDoing(what);
    await run(fn);
  };
  // 发证 is a dialog: the date, how many and which numbers, then confirm (components/SessionFlow.tsx).
  const issue = (id = sessionId) => {
    const s = finalized.data?.find((x) => x.id === id);
    if (s) setIssuing({ id: s.id, name: s.name, examDate: s.examDate });
  };
  const pdf = (stock: boolean) =>
    act(stock ? 'stock' : 'pdf', async () => {
      const out = await rpc('certificates.pdf', { sessionId: sessionId!, stock });
      if ('base64' in out) downloadFile(out, 'application/pdf');
    });
  const doVoid = () =>
    act('void', async () => {
      await rpc('certificates.void', { number: voiding!.number, reason: voiding!.reason });
      setVoiding(null);
      certs.reload();
    });

  if (finalized.data && finalized.data.length === 0) {
    return (
      <EmptyPage
        title={t('nav.certificates')}
        description={t('certs.noFinalized')}
        action={
          <Space>
            <Button type="primary" onClick={() => navigate({ page: 'sessions' })}>
              {t('nav.sessions')}
            </Button>
            <Button icon={<ScanOutlined />} onClick={() => setDialog('verify')}>
              {t('verify.title')}
            </Button>
            <VerifyModal open={dialog === 'verify'} onClose={() => setDialog(null)} />
          </Space>
        }
      />
    );
  }
  const list = certs.data ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.certificates')}</h2>
        <Space wrap>
          <Select
            style={{ width: 420 }}
            value={sessionId}
            onChange={(v) => {
              setSessionId(v);
              selection.clear();
            }}
            placeholder={t('certs.pickSession')}
            data-testid="cert-session"
            options={(finalized.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={!sessionId} onClick={() => issue()} data-testid="certs-issue">
            {t('certs.issue')}
          </Button>
          <Tooltip title={t('certs.pdfTooltip')}>
            <Button icon={<FilePdfOutlined />} disabled={!list.length} loading={busy === 'pdf'} onClick={() => pdf(false)}>
              {t('certs.pdf')}
            </Button>
          </Tooltip>
          <Tooltip title={t('certs.stockTooltip')}>
            <Button icon={<FilePdfOutlined />} disabled={!list.length} loading={busy === 'stock'} onClick={() => pdf(true)}>
              {t('certs.stock')}
            </Button>
          </Tooltip>
          {selection.button}
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tooltip title={t('certs.importTooltip')}>
          <Button icon={<ImportOutlined />} onClick={() => setDialog('import')} data-testid="cert-import">
            {t('certs.import')}
          </Button>
        </Tooltip>
        <Button icon={<AimOutlined />} onClick={() => setDialog('calibration')} data-testid="calibration">
          {t('calibration.title')}
        </Button>
        <Button icon={<ScanOutlined />} onClick={() => setDialog('verify')} data-testid="verify">
          {t('verify.title')}
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        <Table
          size="small"
          rowKey="number"
          rowSelection={selection.rowSelection}
          loading={certs.loading}
          dataSource={list}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('certs.none')} /> }}
          columns={[
            {
              title: t('certs.number'),
              dataIndex: 'number',
              width: 280,
              render: (v, r) => (
                <Tooltip title={r.replacesNumber ? t('certs.replaces', { number: r.replacesNumber }) : undefined}>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <span className="mono">{v}</span>
                    {r.replacesNumber ? <Tag color="blue" style={{ marginLeft: 6 }}>{t('certs.reissuedTag')}</Tag> : null}
                  </span>
                </Tooltip>
              ),
            },
            {
              title: t('candidate.name'),
              dataIndex: 'name',
              width: 80,
              render: (v: string, r) =>
                r.identityCorrection ? (
                  <Tooltip title={t('certs.identityCorrectedTip', { fields: r.identityCorrection.changed.join('、'), date: r.identityCorrection.at.slice(0, 10), reason: r.identityCorrection.reason })}>
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {v}
                      <Tag color="orange" style={{ marginLeft: 6 }}>{t('certs.identityCorrected')}</Tag>
                    </span>
                  </Tooltip>
                ) : (
                  v
                ),
            },
            { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 180 },
            { title: t('session.level'), dataIndex: 'levelLabel', width: 110 },
            { title: t('certs.issueDate'), dataIndex: 'issueDate', width: 100 },
            { title: t('certs.status'), dataIndex: 'status', width: 80, render: (v: string) => (v === 'void' ? <Tag>{t('certs.void')}</Tag> : <Tag color="green">{t('certs.valid')}</Tag>) },
            {
              title: '',
              width: 250,
              render: (_, r) =>
                r.status === 'issued' ? (
                  <Space size={0}>
                    <PrintOneCertificate number={r.number} />
                    <Button size="small" type="link" onClick={() => setReissuing(r.number)} data-testid={`reissue-${r.number}`}>
                      {t('certs.reissueAction')}
                    </Button>
                    <Button size="small" type="link" danger onClick={() => setVoiding({ number: r.number, reason: '' })}>
                      {t('certs.voidAction')}
                    </Button>
                  </Space>
                ) : r.replacedByNumber ? (
                  <Tooltip title={r.voidReason}>
                    <span className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {t('certs.replacedBy', { number: r.replacedByNumber })}
                    </span>
                  </Tooltip>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={voiding !== null}
        title={t('certs.voidTitle', { number: voiding?.number ?? '' })}
        okText={t('certs.voidAction')}
        okButtonProps={{ danger: true, disabled: !voiding?.reason.trim(), loading: busy === 'void' }}
        cancelText={t('common.cancel')}
        onOk={doVoid}
        onCancel={() => setVoiding(null)}
      >
        <p className="muted">{t('certs.voidHint')}</p>
        <Input.TextArea autoFocus rows={3} value={voiding?.reason} onChange={(e) => setVoiding((v) => (v ? { ...v, reason: e.target.value } : v))} placeholder={t('certs.voidReason')} />
      </Modal>
      {awaiting.data && awaiting.data.length > 0 ? (
        <Card size="small" style={{ marginTop: 16 }} title={t('flow.awaitingTitle', { n: awaiting.data.length })} extra={<span className="muted">{t('flow.awaitingHint')}</span>} data-testid="awaiting">
          <Table
            size="small"
            rowKey={(r) => `${r.sessionId}:${r.idNumber}`}
            dataSource={awaiting.data}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('session.name'), dataIndex: 'sessionName', ellipsis: true },
              { title: t('session.date'), dataIndex: 'examDate', width: 110 },
              { title: t('results.admission'), dataIndex: 'admissionNumber', width: 140 },
              { title: t('candidate.name'), dataIndex: 'name', width: 90 },
              { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 190 },
              {
                title: '',
                width: 90,
                render: (_, r) => (
                  <Button size="small" type="link" onClick={() => issue(r.sessionId)} data-testid={`awaiting-issue-${r.idNumber}`}>
                    {t('flow.issue')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <IssueModal
        session={issuing}
        open={issuing !== null}
        onClose={() => setIssuing(null)}
        onIssued={() => {
          if (issuing) setSessionId(issuing.id);
          afterIssue();
        }}
      />
      <ReissueModal number={reissuing} onClose={() => setReissuing(null)} onReissued={certs.reload} />
      <CertificateImport open={dialog === 'import'} onClose={() => setDialog(null)} onImported={certs.reload} />
      <CalibrationModal open={dialog === 'calibration'} onClose={() => setDialog(null)} />
      <VerifyModal open={dialog === 'verify'} onClose={() => setDialog(null)} />
    </div>
  );
}
