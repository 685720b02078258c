// The occupation catalogue edited from the command line, as the issue names the commands.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

function desk() {
  const db = path.join(tempDir(), 'catalogue.sqlite');
  return { cli: (...args: string[]) => runCli([...args, '--db', db, '--json']), text: (...args: string[]) => runCli([...args, '--db', db]) };
}

describe('certdesk occupation …', () => {
  it('shows an occupation, and adds a level, then retires it once a session is of it', () => {
    const { cli, text } = desk();

    const shown = text('occupation', 'show', '4-07-05-03');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('消防设施监控操作（五级、四级、三级、二级）');
    expect(shown.stdout).toContain('消防设施检测维修保养（四级、三级、二级、一级）');
    expect(cli('occupation', 'show', '物业管理师').json.levels.map((l: { level: number }) => l.level)).toEqual([4, 3, 2, 1]);

    expect(cli('occupation', 'level', 'add', '--occupation', '4-06-01-01', '--level', '5').json.change).toBe('added');
    expect(cli('session', 'create', '--occupation', '物业管理师', '--level', '5', '--date', '2025-06-01').status).toBe(0);
    const removed = text('occupation', 'level', 'remove', '--occupation', '4-06-01-01', '--level', '5');
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('已停用（有批次使用，保留记录）');
    const refused = cli('session', 'create', '--occupation', '物业管理师', '--level', '5', '--date', '2025-07-01');
    expect(refused.status).not.toBe(0);
    expect(refused.json.error.code).toBe('LEVEL_NOT_OFFERED');
  });

  it('adds a 工种 with its levels, refuses a session at a level it does not offer, and sets a part, audited', () => {
    const { cli } = desk();

    const sp = cli('occupation', 'specialty', 'add', '--occupation', '4-07-05-01', '--name', '武装守护押运', '--levels', '5,4,3,2');
    expect(sp.json.occupation.specialtyDetails).toEqual([{ name: '武装守护押运', levels: [5, 4, 3, 2], retired: false }]);
    const notOffered = cli('session', 'create', '--occupation', '保安员', '--specialty', '武装守护押运', '--level', '1', '--date', '2025-06-01');
    expect(notOffered.json.error).toMatchObject({ code: 'LEVEL_NOT_OFFERED' });
    expect(notOffered.json.error.message).toContain('五级、四级、三级、二级');

    const part = cli('occupation', 'part', 'set', '--occupation', '4-07-05-01', '--level', '3', '--part', '理论知识', '--pass-mark', '65', '--required', 'yes');
    expect(part.status).toBe(0);
    expect(part.json.occupation.levels.find((l: { level: number }) => l.level === 3).parts[0]).toMatchObject({ part: 'theory', passMark: 65, required: true });
    expect(cli('occupation', 'part', 'set', '--occupation', '4-07-05-01', '--level', '3', '--part', '理论知识', '--pass-mark', '65', '--required', 'maybe').json.error.code).toBe('USAGE');

    const history = cli('audit', 'history', '--entity', 'occupation', '--id', '4-07-05-01:3:theory').json as { action: string; newValue: unknown }[];
    expect(history.map((h) => h.action)).toEqual(['update']);
    expect(history[0]!.newValue).toEqual({ part: '理论知识', passMark: 65, required: true, weight: null });
  });
});
