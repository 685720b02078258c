// docs/用户手册.md stays true to the app: its screenshots are ones the tests take, its commands
// exist, and its table of contents leads somewhere.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
import { commands } from '../../cli/registry';

const MANUAL = fs.readFileSync(path.join(ROOT, 'docs/用户手册.md'), 'utf8');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

describe('the user manual', () => {
  it('shows only screenshots that the end-to-end tests take, so none can go stale', () => {
    const taken = new Set(testFiles(path.join(ROOT, 'test')).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/screenshot\(\w+, '([^']+)'[,)]/g)].map((m) => m[1])));
    const shown = [...MANUAL.matchAll(/!\[[^\]]*\]\(screenshots\/([^)]+)\.png\)/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThanOrEqual(10);
    expect(shown.filter((name) => !taken.has(name))).toEqual([]);
  });

  it('names only certdesk commands that exist', () => {
    const used = [...MANUAL.matchAll(/certdesk ((?:[a-z-]+ ?)+)/g)].map((m) => m[1]!.trim().split(' '));
    expect(used.length).toBeGreaterThan(10);
    // A full command (`certdesk backup list`), or the start of one in prose (`certdesk export …`).
    const known = (words: string[]) => commands.some((c) => c.words.every((w, i) => words[i] === w) || words.every((w, i) => c.words[i] === w));
    const unknown = used.filter((words) => words[0] !== 'help' && !known(words));
    expect(unknown.map((w) => w.join(' '))).toEqual([]);
  });

  it('has a table of contents whose every link finds its heading', () => {
    const anchors = new Set([...MANUAL.matchAll(/^#{2,3} (.+)$/gm)].map((m) => slug(m[1]!)));
    const links = [...MANUAL.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(14);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
  });
});
