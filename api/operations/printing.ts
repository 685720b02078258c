// Printing a session's paper for the exam day: 准考证号名单, 签到表, 准考证, 成绩登记表.
import { z } from 'zod';
import { Id, query } from '../op';
import { PRINT_KINDS } from '../../services/printing/lists';

// pdfkit and fontkit load on first use, so other commands start fast.
const lists = () => import('../../services/printing/lists');

export const printingOperations = {
  /** Writes a file when `out` is given, else returns the PDF as base64 (a browser download), like certificates.pdf. */
  'sessions.print': query(
    { title: '打印名单' },
    z.object({ sessionId: Id, kind: z.enum(PRINT_KINDS), out: z.string().optional() }),
    async (ctx, a) => (await lists()).printSessionList(ctx, a),
  ),
};
