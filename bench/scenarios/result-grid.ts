// The score grid with 2,000 enrolled candidates, measured in the real browser (Debian's
// Chromium against `certdesk serve`). Keystroke-to-saved: from the Enter that commits a cell to the
// moment the cell shows 已保存 (the server has written it and answered); target < 50 ms. Beside it,
// a bare fetch round trip to the same server from the same page. Scroll: frame time while the grid
// scrolls through all 2,000 rows, beside a plain 2,000-row HTML table scrolled the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Measurement, Scenario } from '../scenario';
import { openDatabase } from '../../db/database';
import { checkCharacter } from '../../services/ids/idNumber';
import { nowIso } from '../../services/shared/dates';
import { startDesk } from '../../test/e2e/harness';

const CANDIDATES = 2000;
const CELLS = Number(process.env.GRID_BENCH_CELLS ?? 200);
const SCROLL_FRAMES = 240;

/** An open session of 物业管理师 (三级) with 2,000 enrolled candidates and no scores yet. */
function buildSession(file: string): number {
  const db = openDatabase(file);
  const now = nowIso();
  db.prepare("INSERT INTO settings (key, value) VALUES ('institution.name', '广东省物业管理行业协会') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
  const occ = db.prepare("SELECT id FROM occupations WHERE name = '物业管理师'").get() as { id: number };
  const sessionId = Number(
    db.prepare("INSERT INTO sessions (name, occupation_id, level, attempt, exam_date, status, created_at) VALUES ('2026年上半年物业管理师（三级）职业技能等级认定', ?, 3, 'first', '2026-06-15', 'open', ?)").run(occ.id, now).lastInsertRowid,
  );
  const employer = Number(db.prepare("INSERT INTO employers (name, created_at) VALUES ('广州市越秀物业管理有限公司', ?)").run(now).lastInsertRowid);
  const addCandidate = db.prepare("INSERT INTO candidates (id_type, id_number, name, employer_id, name_initials, created_at, updated_at) VALUES ('居民身份证', ?, ?, ?, 'ks', ?, ?)");
  const enrol = db.prepare("INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, employer_id, outcome, created_at) VALUES (?, ?, ?, 'first', ?, 'pending', ?)");
  db.transaction(() => {
    for (let i = 0; i < CANDIDATES; i++) {
      const first17 = `440106${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
      const id = Number(addCandidate.run(first17 + checkCharacter(first17), `考生${i + 1}`, employer, now, now).lastInsertRowid);
      enrol.run(sessionId, id, `2026${String(sessionId).padStart(4, '0')}${String(i + 1).padStart(4, '0')}`, employer, now);
    }
  })();
  db.close();
  return sessionId;
}

async function withGrid<T>(work: (page: Page, origin: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-grid-'));
  const file = path.join(dir, 'certdesk.sqlite');
  const sessionId = buildSession(file);
  const desk = await startDesk(file);
  try {
    await desk.page.goto(`${desk.served.origin}/#/sessions/${sessionId}/results`);
    await desk.page.getByTestId('score-grid').waitFor({ timeout: 60_000 });
    return await work(desk.page, desk.served.origin);
  } finally {
    await desk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Per cell: Enter (commit) → the cell's data-state turns from saving to saved. */
async function keystrokeToSaved(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { keys: number[]; saved: number[] } };
    w.__bench = { keys: [], saved: [] };
    window.addEventListener('keydown', (e) => e.key === 'Enter' && w.__bench.keys.push(performance.now()), true);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.oldValue === 'saving' && (r.target as Element).getAttribute('data-state') === 'saved') w.__bench.saved.push(performance.now());
      }
    }).observe(document.querySelector('[data-testid="score-grid"]')!, { attributes: true, subtree: true, attributeFilter: ['data-state'], attributeOldValue: true });
  });
  await page.getByTestId('score-grid').focus();
  for (let i = 0; i < CELLS; i++) {
    await page.keyboard.type(String(50 + ((i * 7) % 50)));
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => (window as unknown as { __bench: { saved: number[] } }).__bench.saved.length >= n, i + 1);
  }
  const { keys, saved } = await page.evaluate(() => (window as unknown as { __bench: { keys: number[]; saved: number[] } }).__bench);
  return saved.map((t, i) => t - keys[i]!);
}

/** The same page's bare round trip to the same server: the floor any saved cell stands on. */
async function bareRoundTrips(page: Page): Promise<number[]> {
  return page.evaluate(async (n) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await (await fetch('/api/rpc/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
      out.push(performance.now() - t0);
    }
    return out;
  }, CELLS);
}

/**
 * Frame-to-frame times while the element scrolls 120 px per frame from top to bottom.
 * The page code is a string: tsx would wrap a named inner function in a helper the page lacks.
 */
const SCROLL_SCRIPT = `(function (selector, frames) {
  return new Promise(function (resolve) {
    var el = document.querySelector(selector);
    el.scrollTop = 0;
    var times = [];
    var last = 0;
    function step(t) {
      if (last) times.push(t - last);
      last = t;
      el.scrollTop += 120;
      if (times.length < frames && el.scrollTop + el.clientHeight < el.scrollHeight) requestAnimationFrame(step);
      else resolve(times);
    }
    requestAnimationFrame(step);
  });
})`;

async function scrollFrames(page: Page, selector: string): Promise<number[]> {
  return page.evaluate(`${SCROLL_SCRIPT}(${JSON.stringify(selector)}, ${SCROLL_FRAMES})`) as Promise<number[]>;
}

/** A plain, non-virtualised table of the same 2,000 rows in the same page: the bare DOM. */
async function bareTable(page: Page): Promise<void> {
  await page.evaluate((n) => {
    const box = document.createElement('div');
    box.id = 'bare-table';
    box.style.cssText = 'position:fixed;inset:80px 40px 40px 240px;overflow:auto;background:#fff;z-index:9999';
    const rows: string[] = [];
    for (let i = 0; i < n; i++) rows.push(`<tr><td>${i + 1}</td><td>2026000${i}</td><td>考生${i + 1}</td><td>44010619800101${String(i).padStart(4, '0')}</td><td>广州市越秀物业管理有限公司</td><td>85</td><td>90</td><td>合格</td></tr>`);
    box.innerHTML = `<table style="width:100%;border-collapse:collapse">${rows.join('')}</table>`;
    document.body.appendChild(box);
  }, CANDIDATES);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const scenarios: Scenario[] = [
  {
    name: 'result-grid-save',
    title: `成绩录入: keystroke → saved cell, ${CELLS} cells of a 2,000-candidate session, in Chromium`,
    target: { metric: 'p95', ms: 50 },
    async run(): Promise<Measurement> {
      return withGrid(async (page) => {
        const samplesMs = await keystrokeToSaved(page);
        // The grid's own mark: commit → the server's answer in hand, before React draws it.
        const answered = await page.evaluate(() => performance.getEntriesByName('certdesk:cell-saved').map((e) => e.duration));
        const baselineMs = await bareRoundTrips(page);
        return {
          samplesMs,
          baselineMs,
          baselineLabel: 'bare fetch round trip to the same server (app.info)',
          notes: `${CANDIDATES} enrolled, ${CELLS} cells keyed with Enter; commit → answer median ${median(answered).toFixed(1)} ms`,
        };
      });
    },
  },
  {
    name: 'result-grid-scroll',
    title: 'Score grid: frame time scrolling through 2,000 rows (virtualised), in Chromium',
    target: { metric: 'p95', ms: 34 },
    async run(): Promise<Measurement> {
      return withGrid(async (page) => {
        const samplesMs = await scrollFrames(page, '.grid-body');
        await bareTable(page);
        const baselineMs = await scrollFrames(page, '#bare-table');
        return { samplesMs, baselineMs, baselineLabel: 'plain 2,000-row HTML table, same scroll', notes: `${samplesMs.length} frames, 120 px per frame` };
      });
    },
  },
];

export default scenarios;
