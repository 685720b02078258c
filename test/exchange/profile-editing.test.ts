// A profile edited as a whole, as the window's editor does it (docs/exchange.md § Made from the
// platform's template): a template read without saving, the officer's mapping and code lists saved
// in one step with every problem named, renamed, and kept while a 上报批次 names it.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { configureInstitution, finalizedSession, PEOPLE } from '../certificates/fixtures';

const people = PEOPLE.map((p) => ({ ...p, photo: false }));

/** A template whose 考点代码 column the platform requires and no CertDesk field matches. */
async function template(): Promise<string> {
  return writeTemp(
    await buildWorkbook([
      {
        name: '上报',
        rows: [
          ['职业技能等级认定结果上报表'],
          ['*姓名', '*证件类型', '*证件号码', '*考点代码', '等级'],
        ],
      },
    ]),
    'template.xlsx',
  );
}

describe('a template read for the editor', () => {
  it('returns the draft, the header rows as written and the unmatched headers, and saves nothing', async () => {
    const { ctx } = createDB();
    const draft = await call(ctx, 'profiles.readTemplate', { file: { path: await template() } });
    expect(draft.headerRows).toEqual([['职业技能等级认定结果上报表'], ['*姓名', '*证件类型', '*证件号码', '*考点代码', '等级']]);
    expect(draft.unmatched).toEqual([{ column: 'D', header: '*考点代码' }]);
    expect(draft.definition.columns[3]).toEqual({ header: '*考点代码', field: null, required: true });
    expect(draft.definition.columns[4]).toMatchObject({ header: '等级', field: 'level' });
    expect((await call(ctx, 'profiles.list', {})).map((p) => p.name)).toEqual(['数据上报', '平台上传']);
  });

  it('the command line\'s from-template saves it at once, the unmatched required column not required until mapped', async () => {
    const { ctx } = createDB();
    const made = await call(ctx, 'profiles.fromTemplate', { file: { path: await template() }, name: '考点' });
    expect(made.profile.columns[3]).toEqual({ header: '*考点代码', field: null });
    const refused = await callError(ctx, 'profiles.mapColumn', { name: '考点', header: '*考点代码', required: true });
    expect(refused.code).toBe('PROFILE_INVALID');
    expect(refused.message).toContain('第 4 列「*考点代码」标为必填，却没有对应的字段');
  });
});

describe('a template whose title is merged across the sheet', () => {
  it('holds the title once and writes it back merged as the template has it, not once in every column', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx, { people });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('上报');
    ws.addRow(['结果上报表']);
    ws.addRow(['姓名', '证件号码', '职业名称', '等级']);
    ws.mergeCells('A1:D1');
    const file = writeTemp(Buffer.from(await wb.xlsx.writeBuffer()), 'merged.xlsx');
    const made = await call(ctx, 'profiles.fromTemplate', { file: { path: file }, name: '合并标题' });
    expect(made.profile.above).toEqual([['结果上报表']]);
    const out = path.join(tempDir(), 'merged-out.xlsx');
    await call(ctx, 'export.upload', { profile: '合并标题', sessionId, out });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const sheet = back.getWorksheet('上报')!;
    expect((sheet.model as { merges?: string[] }).merges).toEqual(['A1:D1']);
    expect(sheet.getCell('A1').value).toBe('结果上报表');
    for (const a of ['B1', 'C1', 'D1']) expect(sheet.getCell(a).type).toBe(ExcelJS.ValueType.Merge);
  });
});

describe('a profile saved from the editor', () => {
  it('lists every problem at once: a required column with no field, a duplicate header, an empty code', async () => {
    const { ctx } = createDB();
    const { definition } = await call(ctx, 'profiles.readTemplate', { file: { path: await template() } });
    const bad = {
      ...definition,
      columns: [...definition.columns, { header: '等级', field: 'levelLabel' }],
      codes: { ...definition.codes, idType: { ...definition.codes.idType, 居民身份证: ' ' } },
    };
    const refused = await callError(ctx, 'profiles.save', { name: '江苏', definition: bad });
    expect(refused.code).toBe('PROFILE_INVALID');
    expect(refused.message).toContain('第 4 列「*考点代码」标为必填，却没有对应的字段');
    expect(refused.message).toContain('第 5 列和第 6 列的表头都是「等级」');
    expect(refused.message).toContain('证件类型代码表中「居民身份证」的代码为空');
    expect((refused as { details?: { problems: string[] } }).details?.problems).toHaveLength(3);
    expect((await call(ctx, 'profiles.list', {})).length).toBe(2);

    const columns = definition.columns.map((c) => (c.header === '*考点代码' ? { ...c, field: 'institution' } : c));
    const saved = await call(ctx, 'profiles.save', { name: '江苏', definition: { ...definition, columns, codes: { ...definition.codes, idType: { 居民身份证: '1' } } } });
    expect(saved).toMatchObject({ name: '江苏', builtin: false, headerRow: 2, sheetName: '上报' });
    expect(saved.codes.idType).toEqual({ 居民身份证: '1' });
  });

  it('renames a profile no batch used, refuses a taken name, a built-in, and a profile a batch recorded', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx, { people });
    const copy = await call(ctx, 'profiles.get', { name: '平台上传' });
    const { name: _n, builtin: _b, ...definition } = copy;
    const loose = { ...definition, columns: definition.columns.map(({ required: _r, ...c }) => c) };
    await call(ctx, 'profiles.save', { name: '本省', definition: loose });
    await call(ctx, 'profiles.save', { name: '外省', definition: loose });
    expect((await callError(ctx, 'profiles.rename', { name: '本省', newName: '外省' })).code).toBe('PROFILE_NAME_TAKEN');
    expect((await callError(ctx, 'profiles.rename', { name: '平台上传', newName: '新' })).code).toBe('PROFILE_BUILTIN');
    const renamed = await call(ctx, 'profiles.save', { name: '本省（2024）', previousName: '本省', definition: loose });
    expect(renamed.name).toBe('本省（2024）');
    expect((await call(ctx, 'profiles.list', {})).map((p) => p.name)).toEqual(['数据上报', '平台上传', '外省', '本省（2024）']);

    await call(ctx, 'export.upload', { profile: '外省', sessionId, batchNumber: 'W-1', out: path.join(tempDir(), 'w.xlsx'), onProblem: 'mark' });
    const inUse = await callError(ctx, 'profiles.delete', { name: '外省' });
    expect(inUse.code).toBe('PROFILE_IN_USE');
    expect(inUse.message).toContain('已用于 1 个上报批次');
    expect((await callError(ctx, 'profiles.rename', { name: '外省', newName: '外省2' })).code).toBe('PROFILE_IN_USE');
    // Still editable under its name; a profile no batch used is deleted.
    await call(ctx, 'profiles.save', { name: '外省', definition: { ...loose, dateFormat: 'YYYYMMDD' } });
    expect(await call(ctx, 'profiles.delete', { name: '本省（2024）' })).toEqual({ deleted: '本省（2024）' });
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'exchangeProfile' ORDER BY seq").all().map((r) => (r as { action: string }).action)).toEqual([
      'create',
      'create',
      'rename',
      'update',
      'delete',
    ]);
  });
});

describe('the command line', () => {
  it('reads a template without saving, saves an edited definition from JSON, renames it', async () => {
    const { file, ctx } = createDB();
    ctx.db.close();
    const db = ['--db', file];
    const read = runCli([...db, 'profile', 'read-template', await template(), '--json']);
    expect(read.stderr).toBe('');
    const draft = read.json as { definition: { columns: { header: string; field: string | null }[] } };
    draft.definition.columns[3]!.field = 'institution';
    const json = path.join(tempDir(), 'profile.json');
    fs.writeFileSync(json, JSON.stringify(draft));
    expect(runCli([...db, 'profile', 'save', '考点', json]).stdout).toContain('*考点代码');
    expect(runCli([...db, 'profile', 'rename', '考点', '考点上报']).stdout).toContain('已改名为「考点上报」');
    expect(runCli([...db, 'profile', 'list']).stdout).toContain('考点上报');
  }, 180_000);
});
