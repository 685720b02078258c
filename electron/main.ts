// The desktop shell: one instance, one window, the database opened once, everything else delegated
// (security.ts for the rules, protocol.ts for app://, ipc.ts for rpc, menu.ts + actions.ts for the menu).
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { holdInstanceLock, type DB } from '../db/database';
import { openDataFile } from '../services/backup/beforeMigrate';
import { resolveDatabasePath } from '../services/shared/paths';
import { toErrorBody } from '../services/errors';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, guardContents, guardSession, windowWebPreferences } from './security';
import { appResponse } from './protocol';
import { WindowRpc } from './ipc';
import { forwardLiveEvents } from './liveForward';
import { liveEvents } from '../api/liveEvents';
import type { OpArgs, OpName, OpResult, RpcResponse } from '../api/contract';
import { menuTemplate } from './menu';
import { menuActions } from './actions';
import { startLogging } from './log';
import { safeStorageKeyStore } from './keyStore';
import { useKeyStore } from '../services/certificates/keyStore';
import { useLanStaticDir } from '../api/lanServer';
import { keepSigningKeysOut } from '../services/certificates/signing';

// The user-data folder is then …/CertDesk, the same default the CLI and `certdesk serve` use.
app.setName('CertDesk');
// Every renderer sandboxed, whatever a window's own preferences say.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
const log = startLogging();

const RENDERER_ROOT = path.join(app.getAppPath(), 'renderer', 'dist');
const PRELOAD = path.join(__dirname, 'preload.cjs');
const ICON = path.join(app.getAppPath(), 'build', 'icons', '512x512.png');

let mainWindow: BrowserWindow | null = null;
let db: DB | null = null;
let releaseInstanceLock: (() => void) | null = null;
let windowRpc: WindowRpc | null = null;
let stopLiveForward: (() => void) | null = null;

/** `--db FILE` or `--db=FILE` on the command line, as the CLI accepts it. */
function dbFlag(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--db' || a.startsWith('--db='));
  if (i < 0) return undefined;
  return argv[i]!.startsWith('--db=') ? argv[i]!.slice(5) : argv[i + 1];
}

function desktopOperator(): string {
  try {
    return `desktop:${os.userInfo().username}`;
  } catch {
    return 'desktop';
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'CertDesk 职业技能等级认定',
    show: false,
    backgroundColor: '#f5f7fa',
    icon: process.platform === 'linux' ? ICON : undefined,
    webPreferences: windowWebPreferences(PRELOAD),
  });
  win.once('ready-to-show', () => win.show());
  // A crashed page is logged and reloaded: every saved score is already on disk.
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer gone', details.reason, details.exitCode);
    if (details.reason !== 'clean-exit') win.webContents.reload();
  });
  const contentsId = win.webContents.id;
  win.on('closed', () => {
    windowRpc?.forget(contentsId);
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  const databaseFile = resolveDatabasePath(dbFlag(process.argv));
  // Signing keys go to the OS key store; safeStorage is ready once the app is.
  useKeyStore(safeStorageKeyStore);
  // 设置 → 开放给局域网 serves the same renderer the window shows.
  useLanStaticDir(RENDERER_ROOT);
  try {
    db = openDataFile(databaseFile);
    keepSigningKeysOut({ db, operator: desktopOperator(), caller: 'shell' });
    // One running CertDesk per data file, window or `certdesk serve` (the trust issue).
    releaseInstanceLock = holdInstanceLock(databaseFile);
  } catch (e) {
    const error = toErrorBody(e);
    log.error('open database', databaseFile, error);
    db?.close();
    dialog.showErrorBox('无法打开数据文件', error.message);
    app.exit(1);
    return;
  }
  log.info('CertDesk started', app.getVersion(), databaseFile);
  const openDb = db;
  windowRpc = new WindowRpc(() => openDb, desktopOperator());
  const rpc = windowRpc;

  guardSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => appResponse(RENDERER_ROOT, request.url));
  rpc.register(ipcMain);
  // Saves made at other desks through the LAN server in this process refresh the window too.
  stopLiveForward = forwardLiveEvents(liveEvents, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  const actions = menuActions({
    window: () => mainWindow,
    rpc: <N extends OpName>(name: N, args: OpArgs<N>) =>
      (mainWindow ? rpc.asWindow(mainWindow.webContents.id, name, args) : Promise.resolve({ ok: false, error: { code: 'NO_WINDOW', message: '窗口已关闭。' } })) as Promise<RpcResponse<OpResult<N>>>,
    databaseFile,
    log,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, { platform: process.platform, devTools: !app.isPackaged })));
  mainWindow = createWindow();
}

// One running CertDesk per user: a second start focuses the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (!mainWindow && db) mainWindow = createWindow();
  });
  app.on('will-quit', () => {
    stopLiveForward?.();
    stopLiveForward = null;
    db?.close();
    db = null;
    releaseInstanceLock?.();
  });
  app.whenReady().then(start, (e: unknown) => log.error('startup failed', e));
}
