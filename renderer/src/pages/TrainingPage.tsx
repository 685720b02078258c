// 培训班: the list and a new class; a class's page with its lessons, trainees and attendance
// (keyed in the attendance grid, renderer/src/grid/AttendanceGrid.tsx), completion computed live,
// 结业定稿, and the proofs and workbook it prints (docs/training.md).
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { downloadFile, rpc } from '../rpc';
import { errorText, useAction } from '../useAction';
import { navigate } from '../router';
import { DateField } from '../components/DateField';
import { usePdfDownload } from '../components/printing/usePdfDownload';
import { useLiveUpdates } from '../useLiveUpdates';
import { AttendanceGrid } from '../grid/AttendanceGrid';
import { ClassModal } from '../components/training/ClassModal';
import { ClassActions } from '../components/training/ClassActions';
import { TraineeList } from '../components/training/TraineeList';
import { LessonTags } from '../components/training/LessonTags';
import { TrainingImport, type TrainingImportKind } from '../components/training/TrainingImport';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function TrainingPage() {
  const { t } = useI18n();
  const classes = useRpc('training.list', {});
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.training')}</h2>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-class">
          {t('training.new')}
        </Button>
      </div>
      {classes.error ? <Alert type="error" showIcon message={classes.error.message} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          loading={classes.loading}
          dataSource={classes.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('training.none') }}
          columns={[
            { title: t('training.name'), dataIndex: 'name', render: (v, r) => <a href={`#/training/${r.id}`} data-class-link={r.id}>{v}</a> },
            { title: t('training.dates'), width: 200, render: (_, r) => `${r.from} – ${r.to}` },
            { title: t('training.lessons'), width: 70, className: 'num', dataIndex: 'lessons' },
            { title: t('training.trainees'), width: 70, className: 'num', dataIndex: 'trainees' },
            { title: t('training.completed'), width: 70, className: 'num', dataIndex: 'completed' },
            { title: t('session.status'), width: 90, dataIndex: 'status', render: (v) => (v === 'finalized' ? <Tag color="green">{t('training.finalized')}</Tag> : <Tag color="blue">{t('training.open')}</Tag>) },
          ]}
        />
      </Card>
      <ClassModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate({ page: 'trainingClass', id: c.id });
        }}
      />
    </div>
  );
}

export function TrainingClassPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const sheet = useRpc('training.sheet', { classId: id });
  const action = useAction();
  const [lesson] = Form.useForm<{ date: string; hours: number; topic?: string }>();
  const [idNumber, setIdNumber] = useState('');
  const [importing, setImporting] = useState<TrainingImportKind | null>(null);
  const proofs = usePdfDownload(() => rpc('training.proofs', { classId: id }));
  const c = sheet.data?.class;
  const open = c?.status === 'open';
  // Completions as the grid recomputes them after each mark (the header would otherwise wait for a reload).
  const [completedLive, setCompletedLive] = useState<number | null>(null);
  // Other desks keying this class's attendance, enrolling or finalizing it (docs/lan.md).
  useLiveUpdates((e) => e.classId === id, sheet.reload);
  const addLesson = async () => {
    const v = await lesson.validateFields();
    if (await action.run(() => rpc('training.addLesson', { classId: id, ...v }))) {
      lesson.resetFields();
      sheet.reload();
    }
  };
  const enrol = async () => {
    if (await action.run(() => rpc('training.enrol', { classId: id, idNumber: idNumber.trim() }))) {
      setIdNumber('');
      sheet.reload();
    }
  };
  const finalize = () =>
    modal.confirm({
      title: t('training.finalizeTitle'),
      content: t('training.finalizeHint'),
      okText: t('training.finalize'),
      onOk: async () => {
        if (await action.run(() => rpc('training.finalize', { classId: id }))) sheet.reload();
      },
    });
  const exportBook = () =>
    action.run(async () => {
      try {
        const file = await rpc('export.trainingClass', { classId: id });
        if ('base64' in file) downloadFile(file, XLSX);
      } catch (e) {
        message.error(errorText(e), 8);
      }
    });

  if (sheet.error) return <Alert type="error" showIcon message={sheet.error.message} />;
  if (!sheet.data || !c) return <Card loading />;
  const rule = [
    c.rule.minAttendancePercent !== null ? t('training.ruleAttendance', { n: c.rule.minAttendancePercent }) : '',
    c.rule.minHours !== null ? t('training.ruleHours', { n: c.rule.minHours }) : '',
    c.rule.examPassMark !== null ? t('training.ruleExam', { n: c.rule.examPassMark }) : '',
  ].filter(Boolean);

  return (
    <div className="page">
      <div className="page-head">
        <h2 data-testid="class-title">{c.name}</h2>
        <Space>
          {open ? <ClassActions cls={c} action={action} onChanged={sheet.reload} /> : null}
          {open ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting('attendance')} data-testid="import-attendance">
              {t('trainingImport.attendance')}
            </Button>
          ) : null}
          <Button onClick={() => void exportBook()}>{t('training.export')}</Button>
          {open ? (
            <Tooltip title={c.trainees === 0 || c.lessons === 0 ? t('training.finalizeEmpty') : ''}>
              <Button type="primary" disabled={c.trainees === 0 || c.lessons === 0} onClick={finalize} data-testid="finalize-class">
                {t('training.finalize')}
              </Button>
            </Tooltip>
          ) : (
            <Button type="primary" loading={proofs.busy} disabled={c.completed === 0} onClick={() => void proofs.print()} data-testid="print-proofs">
              {t('training.printProofs')}
            </Button>
          )}
        </Space>
      </div>
      <p className="muted" data-testid="class-summary">
        {/* A place or teachers not given leave no empty item between the dots. */}
        {[
          `${c.from} – ${c.to}`,
          c.online ? t('training.online') : c.place,
          c.teachers ? `${t('training.teachers')}：${c.teachers}` : null,
          t('training.summary', { lessons: c.lessons, hours: c.lessonHours, trainees: c.trainees, completed: completedLive ?? c.completed }),
          `${t('training.rule')}：${rule.join('，') || '—'}`,
        ]
          .filter(Boolean)
          .join(' · ')}
        {open ? null : <Tag color="green" style={{ marginLeft: 8 }}>{t('training.finalized')}</Tag>}
      </p>
      {action.error ? <Alert type="error" showIcon message={action.error} style={{ marginBottom: 12 }} closable onClose={() => action.setError(null)} /> : null}
      {open ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Form form={lesson} layout="inline" initialValues={{ hours: 4 }}>
              <Form.Item name="date" rules={[{ required: true, message: t('training.lessonDate') }]}>
                <DateField testId="lesson-date" width={140} />
              </Form.Item>
              <Form.Item name="hours" rules={[{ required: true }]}>
                <InputNumber min={0.5} step={0.5} addonAfter={t('training.hoursUnit')} style={{ width: 120 }} data-testid="lesson-hours" />
              </Form.Item>
              <Form.Item name="topic">
                <Input placeholder={t('training.topic')} style={{ width: 160 }} />
              </Form.Item>
              <Button onClick={() => void addLesson()} data-testid="add-lesson">{t('training.addLesson')}</Button>
            </Form>
            <Input placeholder={t('training.enrolPlaceholder')} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} onPressEnter={() => void enrol()} style={{ width: 220 }} data-testid="enrol-id" />
            <Button onClick={() => void enrol()} disabled={!idNumber.trim()} data-testid="enrol">{t('training.enrol')}</Button>
          </Space>
          <LessonTags classId={id} lessons={sheet.data.lessons} action={action} onChanged={sheet.reload} />
        </Card>
      ) : null}
      <Card size="small" title={t('attendance.title')}>
        <AttendanceGrid classId={id} sheet={sheet.data} readOnly={open ? null : t('attendance.finalized')} onCompleted={setCompletedLive} onStale={sheet.reload} />
      </Card>
      <TraineeList
        sheet={sheet.data}
        action={action}
        onChanged={sheet.reload}
        extra={
          open ? (
            <Button size="small" icon={<UploadOutlined />} onClick={() => setImporting('trainees')} data-testid="import-trainees">
              {t('trainingImport.trainees')}
            </Button>
          ) : null
        }
      />
      <TrainingImport key={importing ?? 'closed'} kind={importing ?? 'attendance'} classId={id} lessons={sheet.data.lessons} open={importing !== null} onClose={() => setImporting(null)} onImported={sheet.reload} />
    </div>
  );
}
