// 学员名单 of a class: who is enrolled, with 移出 on each row until 结业定稿. Removing asks first and
// says how many attendance marks go with the trainee (the audit log keeps them).
import type { ReactNode } from 'react';
import { Button, Card, Popconfirm, Table, type ButtonProps } from 'antd';
import { useI18n } from '../../i18n';
import { rpc, type OpResult } from '../../rpc';
import type { Action } from '../../useAction';

type Sheet = OpResult<'training.sheet'>;

export function TraineeList({ sheet, action, onChanged, extra }: { sheet: Sheet; action: Action; onChanged: () => void; extra?: ReactNode }) {
  const { t } = useI18n();
  const open = sheet.class.status === 'open';
  const unenrol = async (idNumber: string) => {
    if (await action.run(() => rpc('training.unenrol', { classId: sheet.class.id, idNumber }))) onChanged();
  };
  return (
    <Card size="small" title={t('training.traineeList', { n: sheet.trainees.length })} extra={extra} style={{ marginTop: 12 }} data-testid="trainee-list">
      <Table
        size="small"
        rowKey="idNumber"
        dataSource={sheet.trainees}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('training.noTrainees') }}
        columns={[
          { title: t('candidate.name'), dataIndex: 'name', width: 100 },
          { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 200 },
          { title: t('training.employer'), dataIndex: 'employer', ellipsis: true },
          ...(open
            ? [
                {
                  key: 'remove',
                  width: 80,
                  render: (_: unknown, r: Sheet['trainees'][number]) => {
                    const marks = Object.keys(r.marks).length;
                    return (
                      <Popconfirm
                        title={t('training.unenrolTitle', { name: r.name })}
                        description={marks ? t('training.unenrolMarks', { n: marks }) : t('training.unenrolNoMarks')}
                        okText={t('training.unenrol')}
                        okButtonProps={{ danger: true, 'data-testid': 'confirm-unenrol' } as ButtonProps}
                        cancelText={t('common.cancel')}
                        onConfirm={() => void unenrol(r.idNumber)}
                      >
                        <Button size="small" type="link" danger data-testid={`unenrol-${r.idNumber}`}>
                          {t('training.unenrol')}
                        </Button>
                      </Popconfirm>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
