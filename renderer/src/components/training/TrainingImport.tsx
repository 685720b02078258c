// 导入签到表 / 导入学员名单 of a class, in the frame every import window shares (useSheetImport,
// ImportParts): the file read once without writing — the sheet read and the others to pick, each
// refused row by row and column with why — columns mapped by hand, and written on confirmation.
// A 签到表 is placed by its 上课日期 column, or on the lesson the officer picks (docs/training.md).
import { useRef, useState } from 'react';
import { Alert, Modal, Result, Select, Space, Statistic, Table, Tabs, type TableColumnsType } from 'antd';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import { useSheetImport } from '../useSheetImport';
import { ImportFooter, ImportPicker, RejectedRows } from '../ImportParts';
import { ImportProgressBar } from '../ImportProgressBar';
import { useImportProgress } from '../useImportProgress';
import { ColumnMapping } from '../ColumnMapping';
import { SheetPicker } from '../SheetImport';

type AttendanceReport = OpResult<'training.importAttendance'>;
type TraineeReport = OpResult<'training.importTrainees'>;
type Report = AttendanceReport | TraineeReport;
type Lesson = OpResult<'training.sheet'>['lessons'][number];

export type TrainingImportKind = 'attendance' | 'trainees';

export function TrainingImport({
  kind,
  classId,
  lessons,
  open,
  onClose,
  onImported,
}: {
  kind: TrainingImportKind;
  classId: number;
  lessons: readonly Lesson[];
  open: boolean;
  onClose(): void;
  onImported(): void;
}) {
  const { t } = useI18n();
  const progress = useImportProgress();
  // The lesson is read when the file is; a ref, so that changing it and reading again see the same one.
  const lesson = useRef<number | undefined>(undefined);
  const [lessonShown, setLessonShown] = useState<number | undefined>(undefined);
  const flow = useSheetImport<Report>(
    (file, dryRun, mapping, choice) =>
      progress.track<Report>(!dryRun, (progressId) => {
        const args = { classId, file, dryRun, progressId, ...(mapping ? { mapping } : {}), ...choice };
        return kind === 'attendance' ? rpc('training.importAttendance', { ...args, ...(lesson.current ? { lessonId: lesson.current } : {}) }) : rpc('training.importTrainees', args);
      }),
    onImported,
  );
  const { preview, done } = flow;
  const close = () => {
    flow.reset();
    lesson.current = undefined;
    setLessonShown(undefined);
    onClose();
  };
  const pickLesson = (id: number | undefined) => {
    lesson.current = id;
    setLessonShown(id);
    if (flow.file) flow.choose({});
  };
  const writes = preview ? preview.imported + preview.updated : 0;
  const unchanged = (r: Report) => ('unchanged' in r ? r.unchanged : 0);
  const importKind = kind === 'attendance' ? 'trainingAttendance' : 'trainingTrainees';

  const rowColumns: TableColumnsType<Report['preview'][number]> = [
    { title: t('roster.row'), dataIndex: 'row', width: 60, className: 'num' },
    { title: t('candidate.name'), dataIndex: 'name', width: 90 },
    { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 190 },
    ...(kind === 'attendance'
      ? [
          { title: t('trainingImport.lesson'), dataIndex: 'date', width: 110 },
          { title: t('trainingImport.mark'), dataIndex: 'mark' },
        ]
      : [{ title: t('roster.check'), dataIndex: 'notes', render: (v: string[]) => v.join('；') }]),
  ];

  return (
    <Modal
      open={open}
      width={920}
      title={t(kind === 'attendance' ? 'trainingImport.attendanceTitle' : 'trainingImport.traineesTitle')}
      onCancel={close}
      footer={
        <ImportFooter
          flow={flow}
          writes={writes}
          label={t(kind === 'attendance' ? 'trainingImport.attendanceConfirm' : 'trainingImport.traineesConfirm', { n: writes })}
          testId="training-import-confirm"
          onClose={close}
        />
      }
    >
      {done ? (
        <Result
          status="success"
          title={kind === 'attendance' ? t('trainingImport.attendanceDone', { imported: done.imported, updated: done.updated }) : t('trainingImport.traineesDone', { imported: done.imported, unchanged: unchanged(done) })}
          subTitle={done.rejected.length ? t('trainingImport.doneRejected', { n: done.rejected.length }) : undefined}
          data-testid="training-import-done"
        />
      ) : (
        <>
          {kind === 'attendance' ? (
            <Space style={{ marginBottom: 12 }} wrap>
              <span>{t('trainingImport.lessonPick')}</span>
              <Select
                allowClear
                style={{ minWidth: 260 }}
                placeholder={t('trainingImport.byDate')}
                value={lessonShown}
                disabled={flow.busy}
                onChange={(v?: number) => pickLesson(v)}
                options={lessons.map((l) => ({ value: l.id, label: `${l.date}（${l.hours} ${t('training.hoursUnit')}）${l.topic ? ` ${l.topic}` : ''}` }))}
                data-testid="training-import-lesson"
              />
            </Space>
          ) : null}
          <ImportPicker
            flow={flow}
            kind={importKind}
            drop={t(kind === 'attendance' ? 'trainingImport.attendanceDrop' : 'trainingImport.traineesDrop')}
            hint={t(kind === 'attendance' ? 'trainingImport.attendanceHint' : 'trainingImport.traineesHint')}
            testId="training-import-upload"
          />
          <ImportProgressBar shown={progress.shown} />
          {preview ? (
            <div style={{ marginTop: 16 }} data-testid="training-import-preview">
              <SheetPicker report={preview} flow={flow} />
              <Space size={40} style={{ marginBottom: 12 }} data-testid="import-counts">
                {kind === 'attendance' ? (
                  <>
                    <Statistic title={t('trainingImport.new')} value={preview.imported} />
                    <Statistic title={t('trainingImport.updated')} value={preview.updated} />
                  </>
                ) : (
                  <>
                    <Statistic title={t('trainingImport.toEnrol')} value={preview.imported} />
                    <Statistic title={t('trainingImport.alreadyEnrolled')} value={unchanged(preview)} />
                  </>
                )}
                <Statistic title={t('roster.rejected')} value={preview.rejected.length} valueStyle={{ color: preview.rejected.length ? '#d4380d' : undefined }} />
              </Space>
              <Alert type="info" showIcon message={t('roster.nothingWritten')} style={{ marginBottom: 12 }} />
              <Tabs
                size="small"
                defaultActiveKey={preview.rejected.length ? 'rejected' : 'rows'}
                items={[
                  { key: 'rejected', label: t('roster.rejectedTab', { n: preview.rejected.length }), children: <RejectedRows rows={preview.rejected} testId="training-import-rejected" /> },
                  {
                    key: 'rows',
                    label: t('trainingImport.rowsTab', { n: preview.imported + preview.updated }),
                    children: <Table size="small" rowKey="row" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={preview.preview as Report['preview'][number][]} columns={rowColumns} />,
                  },
                  {
                    key: 'columns',
                    label: t('mapping.tab', { n: preview.columns.filter((c) => c.field).length }),
                    children: <ColumnMapping kind={importKind} columns={preview.columns} busy={flow.busy} onApply={flow.remap} />,
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
