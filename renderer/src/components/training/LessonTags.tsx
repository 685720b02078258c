// The class's 课次 as tags under the lesson form; until 结业定稿 a lesson added by mistake is deleted
// from its tag (after asking). A lesson with attendance on it is refused, the reason shown on the page.
import { Popconfirm, Space, Tag, type ButtonProps } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import type { Action } from '../../useAction';

type Lesson = OpResult<'training.sheet'>['lessons'][number];

export function LessonTags({ classId, lessons, action, onChanged }: { classId: number; lessons: readonly Lesson[]; action: Action; onChanged: () => void }) {
  const { t } = useI18n();
  if (lessons.length === 0) return null;
  const remove = async (lessonId: number) => {
    if (await action.run(() => rpc('training.removeLesson', { classId, lessonId }))) onChanged();
  };
  return (
    <Space size={[4, 4]} wrap style={{ marginTop: 8 }} data-testid="lesson-tags">
      <span className="muted">{t('training.lessons')}：</span>
      {lessons.map((l) => (
        <Tag key={l.id} title={l.topic ?? ''}>
          {l.date.slice(5)} {l.hours}
          {t('training.hoursUnit')}
          {l.topic ? ` ${l.topic}` : ''}
          <Popconfirm
            title={t('training.removeLessonTitle', { date: l.date })}
            description={t('training.removeLessonHint')}
            okText={t('training.delete')}
            okButtonProps={{ danger: true, 'data-testid': 'confirm-remove-lesson' } as ButtonProps}
            cancelText={t('common.cancel')}
            onConfirm={() => void remove(l.id)}
          >
            <CloseOutlined style={{ marginLeft: 6, fontSize: 10, cursor: 'pointer' }} aria-label={t('training.removeLessonTitle', { date: l.date })} data-testid={`remove-lesson-${l.date}`} />
          </Popconfirm>
        </Tag>
      ))}
    </Space>
  );
}
