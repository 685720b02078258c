// Every export that names one session says where it was held (考点): the roster, the score sheet,
// the list of those who passed and the issue list go to a particular exam room or office.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, createDB, tempDir } from '../helpers';
import { configureInstitution, finalizedSession } from '../certificates/fixtures';

async function subtitle(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return String(wb.worksheets[0]!.getRow(2).getCell(1).value);
}

describe('the venue in exports that name a session', () => {
  it('prints 考点 and the exam date beside the session name in the roster, score sheet, passed list and issue list', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx, { finalize: false });
    await call(ctx, 'sessions.update', { id: sessionId, venue: '广州市天河区职业技能鉴定所 301 室' });
    await call(ctx, 'sessions.finalize', { id: sessionId });
    await call(ctx, 'certificates.issue', { sessionId, date: '2024-07-01' });
    const dir = tempDir('certdesk-venue-');
    const files = {
      roster: path.join(dir, 'roster.xlsx'),
      scores: path.join(dir, 'scores.xlsx'),
      passed: path.join(dir, 'passed.xlsx'),
      issue: path.join(dir, 'issue.xlsx'),
    };
    await call(ctx, 'export.roster', { sessionId, out: files.roster });
    await call(ctx, 'export.scores', { sessionId, out: files.scores });
    await call(ctx, 'export.passed', { sessionId, out: files.passed });
    await call(ctx, 'export.issueList', { sessionId, out: files.issue });
    for (const file of Object.values(files)) {
      const text = await subtitle(file);
      expect(text, file).toContain('考点：广州市天河区职业技能鉴定所 301 室');
      expect(text, file).toContain('考试日期：2024-06-15');
    }
  });

  it('says nothing of a venue that was never entered', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx);
    const file = path.join(tempDir('certdesk-venue-'), 'roster.xlsx');
    await call(ctx, 'export.roster', { sessionId, out: file });
    expect(await subtitle(file)).not.toContain('考点');
  });
});
