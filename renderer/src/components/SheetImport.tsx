// 导入报名花名册 / 导入成绩单: the file is read once without writing (a preview with every rejected
// row and why), and only written when the officer confirms. A column the import cannot match is
// mapped by hand (列对应) and read again; the mapping goes along with the confirmed import.
import { Alert, Button, Checkbox, Modal, Result, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n';
import { partLabel } from '../labels';
import { downloadFile, rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';
import { ColumnMapping } from './ColumnMapping';
import { useSheetImport, type SheetImportFlow } from './useSheetImport';
import { ImportFooter, ImportPicker, RejectedRows } from './ImportParts';
import { ImportProgressBar } from './ImportProgressBar';
import { useImportProgress } from './useImportProgress';

type ImportReport = OpResult<'roster.import'> | OpResult<'scores.import'>;
type RosterRow = OpResult<'roster.import'>['preview'][number];
type ScoreRow = OpResult<'scores.import'>['preview'][number];
const STATUS_COLOURS = { new: 'blue', known: 'cyan', enrolled: 'default' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetKind = 'roster' | 'scores';

export function SheetImport({
  kind,
  sessionId,
  open,
  onClose,
  onImported,
}: {
  kind: SheetKind;
  sessionId: number;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useI18n();
  const progress = useImportProgress();
  const flow = useSheetImport<ImportReport>(
    (f, dryRun, mapping, choice) =>
      progress.track<ImportReport>(!dryRun, (progressId) => {
        const args = { sessionId, file: f, dryRun, progressId, ...(mapping ? { mapping } : {}), ...choice };
        return kind === 'roster' ? rpc('roster.import', args) : rpc('scores.import', args);
      }),
    onImported,
  );

  const { preview, done } = flow;
  const people = preview && 'people' in preview ? preview.people : undefined;
  const files = useAction();
  /** 导出被拒绝的行: the refused rows, the file's own columns and a 原因 column, to send back to the employer. */
  const downloadRejected = () =>
    files.run(async () => {
      if (!flow.file || !preview) return;
      const mapping = Object.keys(flow.mapping).length ? flow.mapping : undefined;
      const rejected = preview.rejected.map(({ row, column, message }) => ({ row, column, message }));
      const book = await rpc('roster.rejected', { file: flow.file, rejected, sheet: preview.sheet, ...(mapping ? { mapping } : {}) });
      if ('base64' in book) downloadFile(book, XLSX);
    });
  /** The blank 报名花名册 the import reads unchanged, to hand to an employer. */
  const downloadTemplate = () =>
    files.run(async () => {
      const book = await rpc('export.roster', { sessionId, blank: true });
      if ('base64' in book) downloadFile(book, XLSX);
    });
  const close = () => {
    flow.reset();
    onClose();
  };

  const willWrite = preview ? preview.imported + preview.updated : 0;
  return (
    <Modal
      open={open}
      width={1000}
      title={t(kind === 'roster' ? 'roster.title' : 'scores.title')}
      onCancel={close}
      footer={<ImportFooter flow={flow} writes={willWrite} label={t('roster.confirm', { n: willWrite })} testId="roster-confirm" onClose={close} />}
    >
      {done ? (
        <Result
          status="success"
          title={
            'people' in done && done.people
              ? t('roster.donePeople', { added: done.people.new + done.people.known, new: done.people.new, known: done.people.known, enrolled: done.people.enrolled })
              : t(kind === 'roster' ? 'roster.done' : 'scores.done', { imported: done.imported, updated: done.updated })
          }
          subTitle={done.rejected.length ? t('roster.doneRejected', { n: done.rejected.length }) : undefined}
        />
      ) : (
        <>
          <ImportPicker
            flow={flow}
            kind={kind}
            drop={t(kind === 'roster' ? 'roster.drop' : 'scores.drop')}
            hint={t(kind === 'roster' ? 'roster.hint' : 'scores.hint')}
            testId="roster-upload"
          />
          {kind === 'roster' ? (
            <div style={{ marginTop: 8, textAlign: 'right' }}>
              <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="roster-template">
                {t('roster.template')}
              </Button>
            </div>
          ) : null}
          {files.error ? <Alert type="error" showIcon message={files.error} style={{ marginTop: 8 }} /> : null}
          <ImportProgressBar shown={progress.shown} />
          {preview ? (
            <div style={{ marginTop: 16 }} data-testid="roster-preview">
              <SheetPicker report={preview} flow={flow} />
              <Space size={40} style={{ marginBottom: 12 }} data-testid="import-counts">
                {people ? (
                  <>
                    <Statistic title={t('roster.new')} value={people.new} />
                    <Statistic title={t('roster.known')} value={people.known} />
                    <Statistic title={t('roster.updated')} value={people.enrolled} />
                    <Statistic title={t('roster.changed')} value={people.changed} />
                  </>
                ) : (
                  <>
                    <Statistic title={t('scores.new')} value={preview.imported} />
                    <Statistic title={t('scores.updated')} value={preview.updated} />
                  </>
                )}
                <Statistic title={t('roster.rejected')} value={preview.rejected.length} valueStyle={{ color: preview.rejected.length ? '#d4380d' : undefined }} />
              </Space>
              <Alert type="info" showIcon message={t('roster.nothingWritten')} style={{ marginBottom: 12 }} />
              <Tabs
                size="small"
                defaultActiveKey={preview.rejected.length ? 'rejected' : 'rows'}
                items={[
                  {
                    key: 'rejected',
                    label: t('roster.rejectedTab', { n: preview.rejected.length }),
                    children: (
                      <>
                        {kind === 'roster' && preview.rejected.length > 0 ? (
                          <Button size="small" icon={<DownloadOutlined />} loading={files.busy} onClick={() => void downloadRejected()} style={{ marginBottom: 8 }} data-testid="roster-rejected-download">
                            {t('roster.rejectedDownload')}
                          </Button>
                        ) : null}
                        <RejectedRows rows={preview.rejected} testId="roster-rejected" />
                      </>
                    ),
                  },
                  {
                    key: 'rows',
                    label: t(kind === 'roster' ? 'roster.rowsTab' : 'scores.rowsTab', { n: preview.imported + preview.updated }),
                    children: (
                      <Table<RosterRow | ScoreRow>
                        size="small"
                        rowKey="row"
                        pagination={{ pageSize: 8, hideOnSinglePage: true }}
                        dataSource={preview.preview}
                        columns={[
                          { title: t('roster.row'), dataIndex: 'row', width: 60, className: 'num' },
                          { title: t('candidate.name'), dataIndex: 'name', width: 90 },
                          { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 180 },
                          ...(kind === 'roster'
                            ? [
                                { title: t('candidate.employer'), dataIndex: 'employer', ellipsis: true },
                                {
                                  title: t('roster.what'),
                                  dataIndex: 'status',
                                  width: 110,
                                  render: (v: keyof typeof STATUS_COLOURS) => <Tag color={STATUS_COLOURS[v]}>{t(`roster.status.${v}` as MessageKey)}</Tag>,
                                },
                                {
                                  title: t('roster.eligibility'),
                                  width: 220,
                                  // Why the row's person meets no 申报条件 as of the exam date (docs/eligibility.md), whether or not enrolment refuses them.
                                  render: (_: unknown, r: RosterRow | ScoreRow) =>
                                    (r as RosterRow).eligibility ? (
                                      <div className="roster-note" data-testid={`roster-eligibility-${r.row}`}>
                                        <Tag color="warning">{t('roster.ineligible')}</Tag>
                                        {(r as RosterRow).eligibility!.replace(/^不符合申报条件：/, '')}
                                      </div>
                                    ) : (
                                      <span className="muted">—</span>
                                    ),
                                },
                                {
                                  title: t('roster.changes'),
                                  width: 230,
                                  // A known person's details as on file → as the row gives them; a blank cell changes nothing.
                                  render: (_: unknown, r: RosterRow | ScoreRow) => (
                                    <div data-testid={`roster-changes-${r.row}`}>
                                      {((r as RosterRow).changes ?? []).map((c) => (
                                        <div key={c.field} className="roster-change">
                                          {c.label}：<s>{c.old ?? t('roster.blank')}</s> → <b>{c.new ?? t('roster.blank')}</b>
                                        </div>
                                      ))}
                                      {((r as RosterRow).notes ?? []).map((n) => (
                                        <div key={n} className="roster-note" data-testid={`roster-note-${r.row}`}>
                                          <Tag color="warning">{t('roster.check')}</Tag>
                                          {n}
                                        </div>
                                      ))}
                                    </div>
                                  ),
                                },
                              ]
                            : [
                                {
                                  title: t('scores.parts'),
                                  render: (_: unknown, r: RosterRow | ScoreRow) =>
                                    Object.entries((r as ScoreRow).parts)
                                      .map(([part, v]) => `${partLabel(t, part)} ${v}`)
                                      .join('　'),
                                },
                                { title: t('results.outcome'), dataIndex: 'outcome', width: 90 },
                              ]),
                        ]}
                      />
                    ),
                  },
                  {
                    key: 'columns',
                    label: t('mapping.tab', { n: preview.columns.filter((c) => c.field).length }),
                    children: <ColumnMapping kind={kind} columns={preview.columns} busy={flow.busy} onApply={flow.remap} />,
                  },
                ]}
              />
            </div>
          ) : null}
        </>
      )}
    </Modal>
  );
}

/**
 * Which sheet was read (the one whose header fits, visible sheets first) with the others to pick
 * from, and the rows hidden in Excel, left out unless the officer includes them (docs/spreadsheets.md).
 */
export function SheetPicker({ report, flow }: { report: Pick<ImportReport, 'sheet' | 'sheets' | 'hiddenRows'>; flow: SheetImportFlow<unknown> }) {
  const { t } = useI18n();
  const hidden = report.hiddenRows.length;
  if (report.sheets.length < 2 && hidden === 0 && !flow.choice.includeHidden) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {report.sheets.length > 1 ? (
        <Space data-testid="import-sheet">
          <span>{t('import.sheet')}</span>
          <Select
            size="small"
            style={{ minWidth: 180 }}
            value={report.sheet}
            disabled={flow.busy}
            options={report.sheets.map((s) => ({ value: s, label: s }))}
            onChange={(sheet: string) => flow.choose({ sheet })}
            data-testid="import-sheet-select"
          />
          <span className="muted">{t('import.sheetHint', { n: report.sheets.length })}</span>
        </Space>
      ) : null}
      {hidden > 0 || flow.choice.includeHidden ? (
        <Alert
          type="warning"
          showIcon
          data-testid="import-hidden"
          message={
            <Space wrap>
              {hidden > 0 ? <span>{t('import.hiddenRows', { n: hidden, rows: report.hiddenRows.slice(0, 10).join('、') + (hidden > 10 ? ' …' : '') })}</span> : <span>{t('import.hiddenIncluded')}</span>}
              <Checkbox checked={flow.choice.includeHidden === true} disabled={flow.busy} onChange={(e) => flow.choose({ includeHidden: e.target.checked })} data-testid="import-hidden-include">
                {t('import.includeHidden')}
              </Checkbox>
            </Space>
          }
        />
      ) : null}
    </Space>
  );
}
