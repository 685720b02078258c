// Thirty desks on the office LAN: `certdesk serve --lan --bind 127.0.0.1` as its own process,
// thirty HTTPS clients each with its own login and event stream, keying scores at once: once with
// no pause between saves (the server at its limit), once at four times a practised clerk's pace.
// Measured: each save's round trip as the client
// sees it (target p95 < 50 ms), saves per second overall, how late the other desks' event
// streams hear of a save (target < 1 s), and the server process's peak memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Measurement, Scenario } from '../scenario';
import { openDatabase } from '../../db/database';
import { checkCharacter } from '../../services/ids/idNumber';
import { nowIso } from '../../services/shared/dates';
import { hashPassword } from '../../services/operators/passwords';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DESKS = Number(process.env.LAN_BENCH_DESKS ?? 30);
/** Candidates per desk; each desk keys both parts of its own candidates. */
const PER_DESK = Number(process.env.LAN_BENCH_PER_DESK ?? 10);
const PASSWORD = 'desk-pass-1';
/** Extra flags for the server's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), to profile it under this load. */
const SERVER_NODE_FLAGS = (process.env.LAN_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** An open session of 物业管理师 (三级) with DESKS × PER_DESK candidates and DESKS 录入员 accounts. */
async function buildDataFile(file: string): Promise<{ sessionId: number; idNumbers: string[] }> {
  const db = openDatabase(file);
  const now = nowIso();
  // One scrypt hash for every account: thirty hashes of a second each would only slow the setup.
  const hash = await hashPassword(PASSWORD);
  const addOperator = db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)");
  const occ = db.prepare("SELECT id FROM occupations WHERE name = '物业管理师'").get() as { id: number };
  const sessionId = Number(
    db.prepare("INSERT INTO sessions (name, occupation_id, level, attempt, exam_date, status, created_at) VALUES ('2026年下半年物业管理师（三级）职业技能等级认定', ?, 3, 'first', '2026-11-15', 'open', ?)").run(occ.id, now).lastInsertRowid,
  );
  const addCandidate = db.prepare("INSERT INTO candidates (id_type, id_number, name, name_initials, created_at, updated_at) VALUES ('居民身份证', ?, ?, 'ks', ?, ?)");
  const enrol = db.prepare("INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, outcome, created_at) VALUES (?, ?, ?, 'first', 'pending', ?)");
  const idNumbers: string[] = [];
  db.transaction(() => {
    addOperator.run('admin', '管理员', 'admin', hash, now);
    for (let d = 0; d < DESKS; d++) addOperator.run(`desk${d + 1}`, `录入员${d + 1}`, 'clerk', hash, now);
    // One desk's worth more, for the baseline: one desk keying alone.
    for (let i = 0; i < (DESKS + 1) * PER_DESK; i++) {
      const first17 = `440106${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
      const idNumber = first17 + checkCharacter(first17);
      idNumbers.push(idNumber);
      const id = Number(addCandidate.run(idNumber, `考生${i + 1}`, now, now).lastInsertRowid);
      enrol.run(sessionId, id, `20260001${String(i + 1).padStart(4, '0')}`, now);
    }
  })();
  db.close();
  return { sessionId, idNumbers };
}

interface Server {
  pid: number;
  port: number;
  /** Ends the server; resolves with its own timing of each save (bench/workers/serverTiming.cjs). */
  stop(): Promise<ServerSave[]>;
}

interface ServerSave {
  start: number;
  end: number;
  busyAtStart: number;
  busyAtEnd: number;
}

async function startServer(file: string): Promise<Server> {
  const timing = path.join(path.dirname(file), 'server-timing.json');
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--require', path.join(ROOT, 'bench/workers/serverTiming.cjs'), path.join(ROOT, 'bin/certdesk.mjs'), 'serve', '--lan', '--bind', '127.0.0.1', '--json', '--db', file],
    { cwd: ROOT, env: { ...process.env, CERTDESK_DB: '', LAN_BENCH_TIMING_FILE: timing } },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<ServerSave[]> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      child.kill('SIGTERM');
      await exited;
      return fs.existsSync(timing) ? (JSON.parse(fs.readFileSync(timing, 'utf8')) as ServerSave[]) : [];
    })());
  return { pid: child.pid!, port: (JSON.parse(line) as { port: number }).port, stop };
}

/**
 * CPU time (user + system) a process has used so far, in ms (Linux /proc; null elsewhere). The
 * server's and this process's (the thirty clients: their TLS and their event streams) are reported
 * apart: both share the machine's cores, so the round trip is partly the clients' own cost.
 */
function cpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The server's peak resident memory (VmHWM, Linux), in MB; null elsewhere. */
function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function client(port: number) {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  const headers = { Host: `127.0.0.1:${port}`, Origin: `https://127.0.0.1:${port}`, 'Content-Type': 'application/json' };
  let cookie = '';
  const post = (op: string, args: unknown, retried = false): Promise<{ status: number; body: any }> =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port, path: `/api/rpc/${op}`, method: 'POST', agent, headers: { ...headers, Cookie: cookie } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.[0];
          if (set) cookie = set.split(';')[0]!;
          resolve({ status: res.statusCode!, body: JSON.parse(text) });
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as idle (5 s, e.g. while the lone desk keyed) just
        // as this request went out: sent again once on a fresh socket, as a browser does. The
        // sample keeps the time lost.
        if (req.reusedSocket && !retried && (e.code === 'ECONNRESET' || e.message === 'socket hang up')) post(op, args, true).then(resolve, reject);
        else reject(e);
      });
      req.end(JSON.stringify(args));
    });
  /** The event stream: every event's delay from the save to its arrival here. */
  const listen = (delays: number[]) =>
    new Promise<() => void>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port, path: '/events', method: 'GET', rejectUnauthorized: false, headers: { Host: headers.Host, Cookie: cookie } }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const line = buffer.slice(0, cut).split('\n').find((l) => l.startsWith('data: '));
            buffer = buffer.slice(cut + 2);
            if (line) delays.push(Date.now() - (JSON.parse(line.slice(6)) as { at: number }).at);
          }
        });
        resolve(() => req.destroy());
      });
      req.on('error', reject);
      req.end();
    });
  return { post, listen, close: () => agent.destroy() };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/**
 * Thirty desks saving at once. `paceMs` null: each desk sends its next save as soon as the last is
 * answered (no person keys like that: it measures how the server queues at its limit). A number:
 * each desk starts a save every paceMs, the desks' starts spread over one pace as people's are.
 */
async function thirtyDesks(paceMs: number | null): Promise<Measurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-lan-'));
  const file = path.join(dir, 'lan.sqlite');
  const { sessionId, idNumbers } = await buildDataFile(file);
  const server = await startServer(file);
  const desks = Array.from({ length: DESKS }, () => client(server.port));
  const closers: (() => void)[] = [];
  try {
    // Each desk its own login (thirty password checks: the server hashes on its thread pool).
    const logins = await Promise.all(desks.map((d, i) => d.post('operators.login', { login: `desk${i + 1}`, password: PASSWORD })));
    if (logins.some((r) => r.status !== 200)) throw new Error(`login failed: ${JSON.stringify(logins.find((r) => r.status !== 200)?.body)}`);
    // The baseline: one desk keying alone (the same saves, no other desk competing), streams open.
    const delays: number[] = [];
    for (const d of desks) closers.push(await d.listen(delays));
    const alone: number[] = [];
    for (let k = 0; k < PER_DESK; k++) {
      for (const part of ['theory', 'skill']) {
        const t = performance.now();
        await desks[0]!.post('results.set', { sessionId, idNumber: idNumbers[DESKS * PER_DESK + k]!, part, score: 75, replaced: { status: null, score: null } });
        alone.push(performance.now() - t);
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    delays.length = 0;
    const latencies: number[] = [];
    let refused = 0;
    const phaseStart = Date.now();
    const serverCpuBefore = cpuMs(server.pid);
    const clientCpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      desks.map(async (d, i) => {
        const deskStart = started + (paceMs === null ? 0 : (i * paceMs) / DESKS);
        let n = 0;
        for (let k = 0; k < PER_DESK; k++) {
          const idNumber = idNumbers[i * PER_DESK + k]!;
          for (const part of ['theory', 'skill']) {
            if (paceMs !== null) {
              // The next keystroke's time comes round whether or not the last save was slow.
              const wait = deskStart + n * paceMs - performance.now();
              if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            }
            n++;
            const t = performance.now();
            const r = await d.post('results.set', { sessionId, idNumber, part, score: 60 + ((i + k) % 40), replaced: { status: null, score: null } });
            latencies.push(performance.now() - t);
            if (r.status !== 200) refused++;
          }
        }
      }),
    );
    const wallMs = performance.now() - started;
    const serverCpuAfter = cpuMs(server.pid);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    // Let the last events arrive before counting them.
    await new Promise((r) => setTimeout(r, 500));
    const saves = latencies.length;
    const sortedDelays = [...delays].sort((a, b) => a - b);
    const sortedLatency = [...latencies].sort((a, b) => a - b);
    const memory = peakRssMb(server.pid);
    for (const c of closers.splice(0)) c();
    // The server's own view of the same saves: request in to response out, and its loop's busy time.
    const onServer = (await server.stop()).filter((t) => t.start >= phaseStart);
    const serverMs = onServer.map((t) => t.end - t.start).sort((a, b) => a - b);
    const serverBusyPerSave = onServer.length ? (Math.max(...onServer.map((t) => t.busyAtEnd)) - Math.min(...onServer.map((t) => t.busyAtStart))) / onServer.length : NaN;
    const serverCpuPerSave = serverCpuBefore === null || serverCpuAfter === null ? null : (serverCpuAfter - serverCpuBefore) / saves;
    const clientCpuPerSave = (clientCpu.user + clientCpu.system) / 1000 / saves;
    return {
      samplesMs: latencies,
      baselineMs: alone,
      baselineLabel: 'one desk keying alone (same server, streams open)',
      peakMemoryMb: memory ?? undefined,
      notes:
        `${DESKS} desks × ${saves / DESKS} saves${paceMs === null ? ' with no pause' : `, one every ${paceMs} ms per desk`}: p50 ${pct(sortedLatency, 50).toFixed(1)} ms, p95 ${pct(sortedLatency, 95).toFixed(1)} ms, ` +
        `${Math.round((saves / wallMs) * 1000)} saves/s; events ${delays.length}/${saves * DESKS} delivered, delay p50 ${pct(sortedDelays, 50)} ms, p95 ${pct(sortedDelays, 95)} ms, max ${pct(sortedDelays, 100)} ms` +
        `${refused ? `; ${refused} refused` : ''}; on the server (request in to response out) p50 ${pct(serverMs, 50).toFixed(1)} ms, p95 ${pct(serverMs, 95).toFixed(1)} ms, ` +
        `its event loop busy ${serverBusyPerSave.toFixed(2)} ms per save; CPU per save: server ${serverCpuPerSave?.toFixed(2) ?? '?'} ms, the ${DESKS} clients ${clientCpuPerSave.toFixed(2)} ms; server peak memory ${memory ?? '?'} MB (the client desks' memory not counted)`,
    };
  } finally {
    for (const c of closers) c();
    for (const d of desks) d.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const scenarios: Scenario[] = [
  {
    name: 'lan-30-desks',
    title: 'LAN: 30 desks saving scores at once over HTTPS, no pause between saves (save round trip)',
    target: { metric: 'p95', ms: 50 },
    run: () => thirtyDesks(null),
  },
  {
    // A practised clerk keys a two-digit score and Enter in about a second; 250 ms is four times
    // that, for all thirty desks at once (120 saves a second in all).
    name: 'lan-30-desks-keying',
    title: 'LAN: 30 desks keying scores at once over HTTPS, a save every 250 ms each (save round trip)',
    target: { metric: 'p95', ms: 50 },
    run: () => thirtyDesks(250),
  },
];

export default scenarios;
