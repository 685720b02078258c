// F1 before the help pages exist (renderer/src/help): the keyboard shortcuts of the window.
import { Drawer, Table } from 'antd';
import { useI18n, type MessageKey } from '../i18n';

const SHORTCUTS: [string, MessageKey][] = [
  ['Alt+1 … Alt+9, Alt+0', 'help.navigate'],
  ['Ctrl+F', 'help.search'],
  ['Ctrl+N', 'help.new'],
  ['Enter', 'keys.down'],
  ['Tab', 'keys.right'],
  ['Q', 'keys.absent'],
  ['W', 'keys.misconduct'],
  ['Delete', 'keys.clear'],
  ['F2', 'keys.edit'],
  ['Esc', 'keys.cancel'],
  ['H', 'keys.history'],
  ['Ctrl+Z', 'keys.undo'],
  ['Ctrl+Home / Ctrl+End', 'keys.firstLast'],
  ['Ctrl+F', 'grid.locate'],
  ['F1', 'help.f1'],
];

export function ShortcutsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer open={open} onClose={onClose} title={t('help.title')} width={420}>
      <h4>{t('help.shortcuts')}</h4>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r[0]} ${r[1]}`}
        dataSource={SHORTCUTS}
        showHeader={false}
        columns={[
          { width: 140, render: (_, r) => <span className="kbd">{r[0]}</span> },
          { render: (_, r) => t(r[1]) },
        ]}
      />
    </Drawer>
  );
}
