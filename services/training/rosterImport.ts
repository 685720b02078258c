// 学员名册 import: the people a sheet lists (姓名, 证件号码), registered already, enrolled in a
// class in one go, in the frame of the other imports (refused rows listed with their reason,
// accepted ones written in one transaction). A person not yet registered is refused: register them
// with the 报名花名册 import or by hand first, so their details are checked once, in one place.
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { PersonRows } from '../spreadsheets/personRows';
import type { FieldSpec } from '../spreadsheets/headers';
import { ID_TYPE_FIELD } from '../spreadsheets/fields';
import { rememberMapping } from '../spreadsheets/mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportResult } from '../spreadsheets/importResult';
import { runSheetImport, type SheetInput } from '../spreadsheets/importRun';
import { checkInputPath } from '../shared/outputPath';
import { recordAudit } from '../audit/audit';
import { assertClassWritable } from './classes';

export const TRAINEE_FIELDS: readonly FieldSpec[] = [
  { field: 'seq', title: '序号', aliases: ['编号'] },
  { field: 'name', title: '姓名', aliases: ['学员姓名', '考生姓名'], required: true },
  ID_TYPE_FIELD,
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号'], required: true },
  { field: 'employer', title: '工作单位', aliases: ['单位', '所在单位', '单位名称'] },
];

export interface TraineePreviewRow {
  row: number;
  name: string;
  idNumber: string;
  /** Worth a second look at the card, never a refusal (an upgraded 15-digit number, an unknown region code). */
  notes: string[];
}

export function importTrainees(ctx: Ctx, input: SheetInput & { classId: number }): Promise<ImportResult<TraineePreviewRow> & { unchanged: number }> {
  checkInputPath(ctx, input.file);
  return runSheetImport(ctx, input, 'attendance', TRAINEE_FIELDS, () => assertClassWritable(ctx, input.classId), ({ table, phase }, c) => {
    const people = new PersonRows(table, TRAINEE_FIELDS);
    const accepted: { id: number; idNumber: string; name: string }[] = [];
    const preview: TraineePreviewRow[] = [];
    const enrolled = ctx.db.prepare('SELECT 1 FROM training_trainees WHERE class_id = ? AND candidate_id = ?');
    let already = 0;
    for (const row of table.rows) {
      const read = people.read(row);
      if (!read) continue;
      const person = people.registered(ctx, read, '请先用报名花名册导入或逐个登记考生，再报名培训班。');
      if (!person || !people.once(read, '一名学员在名册中只写一行')) continue;
      if (enrolled.get(c.id, person.id)) {
        already++;
        continue;
      }
      accepted.push({ id: person.id, idNumber: person.idNumber, name: person.name });
      if (preview.length < PREVIEW_LIMIT) preview.push({ row: row.row, name: person.name, idNumber: person.idNumber, notes: read.notes });
    }
    const dryRun = input.dryRun === true;
    const result = { ...importResult(table, TRAINEE_FIELDS, { imported: accepted.length, updated: 0, dryRun }, people.rejected, preview), unchanged: already };
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
