// 学员名册 import: the people a sheet lists (姓名, 证件号码), registered already, enrolled in a
// class in one go, in the frame of the other imports (refused rows listed with their reason,
// accepted ones written in one transaction). A person not yet registered is refused: register them
// with the 报名花名册 import or by hand first, so their details are checked once, in one place.
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { findCandidateByIdNumber } from '../candidates/candidates';
import { cellOf, columnTitle } from '../spreadsheets/reader';
import type { FieldSpec } from '../spreadsheets/headers';
import { readIdNumber, type Rejection } from '../spreadsheets/values';
import { rememberMapping } from '../spreadsheets/mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportResult } from '../spreadsheets/importResult';
import { runSheetImport, type SheetInput } from '../spreadsheets/importRun';
import { checkInputPath } from '../shared/outputPath';
import { recordAudit } from '../audit/audit';
import { assertClassWritable } from './classes';

const TRAINEE_FIELDS: readonly FieldSpec[] = [
  { field: 'seq', title: '序号', aliases: ['编号'] },
  { field: 'name', title: '姓名', aliases: ['学员姓名', '考生姓名'], required: true },
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号'], required: true },
  { field: 'employer', title: '工作单位', aliases: ['单位', '所在单位', '单位名称'] },
];

export function importTrainees(ctx: Ctx, input: SheetInput & { classId: number }): Promise<ImportResult<{ row: number; name: string; idNumber: string }>> {
  checkInputPath(ctx, input.file);
  return runSheetImport(ctx, input, 'attendance', TRAINEE_FIELDS, () => assertClassWritable(ctx, input.classId), ({ table, phase }, c) => {
    const title = (field: string) => columnTitle(table, TRAINEE_FIELDS.find((f) => f.field === field)!);
    const rejected: Rejection[] = [];
    const accepted: { id: number; idNumber: string; name: string }[] = [];
    const preview: { row: number; name: string; idNumber: string }[] = [];
    const seen = new Map<number, number>();
    const enrolled = ctx.db.prepare('SELECT 1 FROM training_trainees WHERE class_id = ? AND candidate_id = ?');
    let already = 0;
    for (const row of table.rows) {
      const name = cellOf(row, 'name').text.replace(/\s/g, '');
      const reject = (field: string, message: string) => rejected.push({ row: row.row, column: title(field), message, ...(name ? { name } : {}) });
      if (!name) {
        reject('name', '姓名为空，请填写。');
        continue;
      }
      const id = readIdNumber(cellOf(row, 'idNumber'));
      if (!id.ok) {
        reject('idNumber', id.message);
        continue;
      }
      const person = findCandidateByIdNumber(ctx, id.value);
      if (!person) {
        reject('idNumber', `证件号码 ${id.value} 还没有登记，请先用报名花名册导入或逐个登记考生，再报名培训班。`);
        continue;
      }
      if (person.name !== name) {
        reject('name', `姓名「${name}」与证件号码 ${id.value} 登记的「${person.name}」不符，请核对。`);
        continue;
      }
      const earlier = seen.get(person.id);
      if (earlier !== undefined) {
        reject('idNumber', `「${name}」与第${earlier}行重复，请删去一行。`);
        continue;
      }
      seen.set(person.id, row.row);
      if (enrolled.get(c.id, person.id)) {
        already++;
        continue;
      }
      accepted.push({ id: person.id, idNumber: person.idNumber, name });
      if (preview.length < PREVIEW_LIMIT) preview.push({ row: row.row, name, idNumber: person.idNumber });
    }
    const dryRun = input.dryRun === true;
    const result = { ...importResult(table, TRAINEE_FIELDS, { imported: accepted.length, updated: 0, dryRun }, rejected, preview), unchanged: already };
    if (!dryRun) {
      phase('writing');
      inTransaction(ctx.db, () => {
        const insert = ctx.db.prepare('INSERT INTO training_trainees (class_id, candidate_id, employer_id, created_at) SELECT ?, id, employer_id, ? FROM candidates WHERE id = ?');
        for (const a of accepted) {
          insert.run(c.id, nowIso(), a.id);
          recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'enrol', newValue: { idNumber: a.idNumber, name: a.name, from: '学员名册导入' } });
        }
        const remembered = manualMapping(table.columns, input.mapping);
        if (remembered) rememberMapping(ctx, 'attendance', table.signature, remembered);
      });
    }
    return result;
  });
}
