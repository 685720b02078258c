// The menu an officer sees: Chinese labels, the usual four menus, and every item wired to its action.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuActions } from '../../electron/menu';

function actionsLog() {
  const called: string[] = [];
  const names: (keyof MenuActions)[] = ['openDataFolder', 'backup', 'restore', 'showHelp', 'openManual', 'openLogFolder', 'about'];
  const actions = Object.fromEntries(names.map((n) => [n, () => called.push(n)])) as unknown as MenuActions;
  return { actions, called };
}

function items(menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return (menu.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as unknown as () => void)();
}

describe('the application menu', () => {
  it('has 文件, 编辑, 视图 and 帮助 on Windows and Linux', () => {
    const { actions } = actionsLog();
    const menus = menuTemplate(actions, { platform: 'win32', devTools: false });
    expect(menus.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(items(menus[0]!).map((i) => i.label)).toEqual(['打开数据文件夹', '备份…', '恢复…', '退出']);
    expect(items(menus[1]!).map((i) => i.label)).toEqual(['撤销', '重做', '剪切', '复制', '粘贴', '全选']);
    expect(items(menus[3]!).map((i) => i.label)).toEqual(['使用说明', '用户手册', '打开日志文件夹', '关于 CertDesk']);
  });

  it('wires each item to what it says', () => {
    const { actions, called } = actionsLog();
    const menus = menuTemplate(actions, { platform: 'linux', devTools: false });
    for (const item of [...items(menus[0]!), ...items(menus[3]!)]) if (item.click) click(item);
    expect(called).toEqual(['openDataFolder', 'backup', 'restore', 'showHelp', 'openManual', 'openLogFolder', 'about']);
  });

  it('shows F1 for 使用说明 but leaves the key to the page, whose help drawer knows the current area', () => {
    const { actions } = actionsLog();
    const help = items(menuTemplate(actions, { platform: 'win32', devTools: false })[3]!)[0]!;
    expect(help.accelerator).toBe('F1');
    expect(help.registerAccelerator).toBe(false);
  });

  it('shows Ctrl+Z for 撤销 on Windows but leaves the key to the page, where the score grid undoes its last saved change', () => {
    const { actions } = actionsLog();
    const undo = items(menuTemplate(actions, { platform: 'win32', devTools: false })[1]!)[0]!;
    expect([undo.role, undo.accelerator, undo.registerAccelerator]).toEqual(['undo', 'Ctrl+Z', false]);
    const mac = items(menuTemplate(actions, { platform: 'darwin', devTools: false })[2]!)[0]!;
    expect([mac.label, mac.registerAccelerator]).toEqual(['撤销', undefined]);
  });

    it('offers developer tools only in an unpackaged build', () => {
    const { actions } = actionsLog();
    const roles = (devTools: boolean) => items(menuTemplate(actions, { platform: 'win32', devTools })[2]!).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('puts 关于 and 退出 in the CertDesk menu on macOS, as Mac users expect', () => {
    const { actions } = actionsLog();
    const menus = menuTemplate(actions, { platform: 'darwin', devTools: false });
    expect(menus.map((m) => m.label)).toEqual(['CertDesk', '文件', '编辑', '视图', '帮助']);
    expect(items(menus[0]!).map((i) => i.role ?? i.label)).toEqual(['关于 CertDesk', 'hide', 'hideOthers', 'quit']);
    expect(items(menus[1]!).map((i) => i.label)).not.toContain('退出');
  });
});
