// Spreadsheet imports (花名册, 成绩单) with preview, and the exports officers hand upward.
import { z } from 'zod';
import { command, FileArg, Id, query } from '../op';
import { importRoster } from '../../services/spreadsheets/roster';
import { importScores } from '../../services/spreadsheets/scores';
import { fieldChoices } from '../../services/spreadsheets/importResult';
import { CERTIFICATE_FIELDS, ROSTER_FIELDS, SCORE_FIELDS } from '../../services/spreadsheets/fields';

/** Column letter → field key; '' leaves the column out. */
const Mapping = z.record(z.string().regex(/^[A-Za-z]{1,3}$/), z.string());

const ImportArgs = z.object({
  sessionId: Id,
  file: FileArg,
  dryRun: z.boolean().optional(),
  mapping: Mapping.optional(),
});

export const spreadsheetOperations = {
  'roster.import': command(ImportArgs, (ctx, a) => importRoster(ctx, a)),
  'scores.import': command(ImportArgs, (ctx, a) => importScores(ctx, a)),
  /** The fields each import knows, for the window's hand-mapping menu. */
  'spreadsheets.fields': query(z.object({ kind: z.enum(['roster', 'scores', 'certificates']) }), (_ctx, a) =>
    fieldChoices(a.kind === 'roster' ? ROSTER_FIELDS : a.kind === 'scores' ? SCORE_FIELDS : CERTIFICATE_FIELDS),
  ),
};
