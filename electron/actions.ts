// What the menu items do: dialogs and folders around the same operations the window calls.
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { OpArgs, OpName, OpResult, RpcResponse } from '../api/contract';
import { backupsFolder } from '../services/backup/naming';
import { todayIso } from '../services/shared/dates';
import { APP_VERSION } from '../services/shared/version';
import { aboutDetail, type LicenceSummary } from './about';
import { HELP_ACCELERATOR, type MenuActions } from './menu';
import { logFolder } from './log';

export interface ShellState {
  window(): BrowserWindow | null;
  /** Calls an operation as the operator logged in to the window (ipc.ts WindowRpc.asWindow). */
  rpc<N extends OpName>(name: N, args: OpArgs<N>): Promise<RpcResponse<OpResult<N>>>;
  databaseFile: string;
  log: { info(...args: unknown[]): void; error(...args: unknown[]): void };
}

/**
 * Files the officer opens with the system's own viewer sit outside the asar (extraResources):
 * the full licence texts and the user manual.
 */
function licencesFile(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'THIRD_PARTY_LICENSES.txt') : path.join(__dirname, 'THIRD_PARTY_LICENSES.txt');
}

function manualFile(): string {
  return path.join(app.isPackaged ? process.resourcesPath : app.getAppPath(), 'docs', '用户手册.md');
}

function readLicenceSummary(): LicenceSummary | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'licenses.json'), 'utf8')) as LicenceSummary;
  } catch {
    return null;
  }
}

async function openWithSystem(target: string, state: ShellState): Promise<void> {
  const problem = await shell.openPath(target);
  if (problem) state.log.error('打开失败', target, problem);
}

async function openFolder(folder: string, state: ShellState): Promise<void> {
  fs.mkdirSync(folder, { recursive: true });
  await openWithSystem(folder, state);
}

/** Dialogs attached to the window when there is one (modal to it), free-standing otherwise. */
function dialogs(state: ShellState) {
  return {
    message: (o: MessageBoxOptions) => {
      const w = state.window();
      return w ? dialog.showMessageBox(w, o) : dialog.showMessageBox(o);
    },
    save: (o: SaveDialogOptions) => {
      const w = state.window();
      return w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o);
    },
    open: (o: OpenDialogOptions) => {
      const w = state.window();
      return w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o);
    },
  };
}

export function menuActions(state: ShellState): MenuActions {
  const ask = dialogs(state);
  const show = (type: 'info' | 'error', message: string, detail: string) => ask.message({ type, message, detail, buttons: ['确定'], title: 'CertDesk' });
  /** Runs the operation and tells the officer how it went; `detail` words the success. */
  const run = async <N extends OpName>(name: N, args: OpArgs<N>, done: string, detail: (data: OpResult<N>) => string): Promise<boolean> => {
    const res = await state.rpc(name, args);
    if (!res.ok) {
      state.log.error(name, res.error);
      await show('error', '操作没有完成', res.error.message);
      return false;
    }
    state.log.info(name, res.data);
    await show('info', done, detail(res.data));
    return true;
  };

  return {
    openDataFolder: () => void openFolder(path.dirname(state.databaseFile), state),
    openLogFolder: () => void openFolder(logFolder(), state),
    openManual: () => void openWithSystem(manualFile(), state),
    backup: async () => {
      const picked = await ask.save({
        title: '备份数据',
        defaultPath: path.join(backupsFolder(state.databaseFile), `CertDesk-备份-${todayIso()}.sqlite`),
        filters: [{ name: 'CertDesk 数据文件', extensions: ['sqlite'] }],
      });
      if (picked.canceled || !picked.filePath) return;
      await run('backup.create', { out: picked.filePath }, '备份完成', (b) => `备份已保存到：\n${b.file}\n\n建议再复制一份到 U 盘或单位的共享盘。`);
    },
    restore: async () => {
      const picked = await ask.open({
        title: '从备份恢复',
        defaultPath: backupsFolder(state.databaseFile),
        properties: ['openFile'],
        filters: [{ name: 'CertDesk 数据文件', extensions: ['sqlite'] }],
      });
      const file = picked.filePaths[0];
      if (picked.canceled || !file) return;
      const answer = await ask.message({
        type: 'warning',
        title: '从备份恢复',
        message: `用「${path.basename(file)}」替换当前数据？`,
        detail: '恢复前会先自动备份当前数据，恢复后界面会重新加载。',
        buttons: ['恢复', '取消'],
        defaultId: 1,
        cancelId: 1,
      });
      if (answer.response !== 0) return;
      const restored = await run('backup.restore', { file }, '恢复完成', (r) => `恢复前的数据已另存为：\n${r.safetyBackup}`);
      if (restored) state.window()?.webContents.reload();
    },
    showHelp: () => {
      // The page's own F1 handler opens the help drawer for the area on screen.
      const contents = state.window()?.webContents;
      contents?.sendInputEvent({ type: 'keyDown', keyCode: HELP_ACCELERATOR });
      contents?.sendInputEvent({ type: 'keyUp', keyCode: HELP_ACCELERATOR });
    },
    about: async () => {
      const answer = await ask.message({
        type: 'info',
        title: '关于 CertDesk',
        message: 'CertDesk 职业技能等级认定',
        detail: aboutDetail({ version: APP_VERSION, versions: process.versions, licences: readLicenceSummary() }),
        buttons: ['确定', '查看许可证全文'],
        defaultId: 0,
      });
      if (answer.response === 1) await openWithSystem(licencesFile(), state);
    },
  };
}
