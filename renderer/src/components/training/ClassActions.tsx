// 编辑 / 删除 on a class's page while it is open. Deleting asks first; a refusal (attendance or a
// 结业考核 score already on the class) is shown as the service words it, saying what to do.
import { useState } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import type { Action } from '../../useAction';
import { navigate } from '../../router';
import { ClassModal } from './ClassModal';

export function ClassActions({ cls, action, onChanged }: { cls: OpResult<'training.get'>; action: Action; onChanged: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const remove = () =>
    modal.confirm({
      title: t('training.deleteTitle', { name: cls.name }),
      content: t('training.deleteHint', { lessons: cls.lessons, trainees: cls.trainees }),
      okText: t('training.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete-class' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (await action.run(() => rpc('training.delete', { classId: cls.id }))) {
          message.success(t('training.deleted', { name: cls.name }));
          navigate({ page: 'training' });
        }
      },
    });
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-class">
        {t('training.edit')}
      </Button>
      <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="delete-class">
        {t('training.delete')}
      </Button>
      <ClassModal
        open={editing}
        editing={cls}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          onChanged();
        }}
      />
    </>
  );
}
