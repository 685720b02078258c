// The application menu, in Chinese. A pure template builder: main.ts supplies what each item does.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDataFolder(): void;
  backup(): void;
  restore(): void;
  showHelp(): void;
  openManual(): void;
  openLogFolder(): void;
  about(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools only in an unpackaged build. */
  devTools: boolean;
}

export const HELP_ACCELERATOR = 'F1';

export function menuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      { label: '打开数据文件夹', click: () => actions.openDataFolder() },
      { type: 'separator' },
      { label: '备份…', accelerator: 'CmdOrCtrl+Shift+B', click: () => actions.backup() },
      { label: '恢复…', click: () => actions.restore() },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: '退出', role: 'quit', accelerator: 'Alt+F4' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      // Ctrl+Z reaches the page (as F1 does): the score grid undoes its last saved change with it, and
      // a text field undoes its typing by itself. On a Mac, ⌘Z in a text field needs the menu's own.
      mac ? { label: '撤销', role: 'undo' } : { label: '撤销', role: 'undo', accelerator: 'Ctrl+Z', registerAccelerator: false },
      { label: '重做', role: 'redo' },
      { type: 'separator' },
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '全选', role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { label: '重新加载', role: 'reload' },
      { type: 'separator' },
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { label: '实际大小', role: 'resetZoom' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
      ...(options.devTools ? [{ label: '开发者工具', role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '帮助',
    role: 'help',
    submenu: [
      // The key itself reaches the page, whose F1 handler opens the help drawer; the item only shows the key.
      { label: '使用说明', accelerator: HELP_ACCELERATOR, registerAccelerator: false, click: () => actions.showHelp() },
      { label: '用户手册', click: () => actions.openManual() },
      { label: '打开日志文件夹', click: () => actions.openLogFolder() },
      { type: 'separator' },
      { label: '关于 CertDesk', click: () => actions.about() },
    ],
  };
  if (!mac) return [file, edit, view, help];
  const appMenu: MenuItemConstructorOptions = {
    label: 'CertDesk',
    submenu: [
      { label: '关于 CertDesk', click: () => actions.about() },
      { type: 'separator' },
      { label: '隐藏 CertDesk', role: 'hide' },
      { label: '隐藏其他', role: 'hideOthers' },
      { type: 'separator' },
      { label: '退出 CertDesk', role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, help];
}
