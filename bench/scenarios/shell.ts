// The desktop shell's own cost: what the app:// protocol and the IPC adapter add on top of the work
// they wrap. Each runs beside the bare work (fs.readFile; dispatch() itself) on the same input.
import fs from 'node:fs';
import path from 'node:path';
import type { Measurement, Scenario } from '../scenario';
import { appResponse } from '../../electron/protocol';
import { WindowRpc } from '../../electron/ipc';
import { dispatch } from '../../api/dispatch';
import { openDatabase } from '../../db/database';
import { ROOT, tempDir } from '../../test/helpers';

const RENDERER = path.join(ROOT, 'renderer/dist');
const REPEATS = 15;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const protocol: Scenario = {
  name: 'shell-protocol',
  title: '窗口打开时经 app:// 协议读出界面的全部文件（renderer/dist）',
  target: { metric: 'median', ms: 200 },
  async run(): Promise<Measurement> {
    if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('renderer/dist is missing: run npm run build:renderer first');
    const files = filesUnder(RENDERER);
    const urls = files.map((f) => `app://certdesk/${path.relative(RENDERER, f).split(path.sep).join('/')}`);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const samplesMs: number[] = [];
    const baselineMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      samplesMs.push(await timed(() => Promise.all(urls.map(async (u) => (await appResponse(RENDERER, u)).arrayBuffer()))));
      baselineMs.push(await timed(() => Promise.all(files.map((f) => fs.promises.readFile(f)))));
    }
    return { samplesMs, baselineMs, baselineLabel: 'fs.promises.readFile of the same files', notes: `${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB` };
  },
};

const ipc: Scenario = {
  name: 'shell-ipc',
  title: '窗口经 IPC 调用一个操作（检查来源页面与登录，再调度）：读取设置 100 次',
  target: { metric: 'median', ms: 50 },
  async run(): Promise<Measurement> {
    const db = openDatabase(path.join(tempDir('certdesk-bench-'), 'certdesk.sqlite'));
    const rpc = new WindowRpc(() => db, 'bench');
    const event = { sender: { id: 1 }, senderFrame: { url: 'app://certdesk/index.html' } };
    const samplesMs: number[] = [];
    const baselineMs: number[] = [];
    try {
      for (let i = 0; i < REPEATS; i++) {
        samplesMs.push(await timed(async () => {
          for (let n = 0; n < 100; n++) await rpc.fromWindow(event, 'settings.list', {});
        }));
        baselineMs.push(await timed(async () => {
          for (let n = 0; n < 100; n++) await dispatch({ db, operator: 'bench' }, 'settings.list', {});
        }));
      }
    } finally {
      db.close();
    }
    return { samplesMs, baselineMs, baselineLabel: 'dispatch() called directly', notes: '100 calls per sample' };
  },
};

export default [protocol, ipc];
