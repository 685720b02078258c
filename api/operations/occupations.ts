// The occupation catalogue: occupations, their levels and parts, and each part's pass mark.
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { listOccupations } from '../../services/occupations/occupations';
import { setPassMark } from '../../services/occupations/passMarks';

export const occupationOperations = {
  'occupations.list': query({ title: '查看职业目录' }, NoArgs, (ctx) => listOccupations(ctx)),
  /** 合格线 of one part of an occupation's level; open sessions' outcomes follow, finalized ones stay locked. */
  'occupations.setPassMark': command(
    { title: '修改合格线', access: 'admin' },
    z.object({ occupation: z.string(), level: z.coerce.number().int().min(1).max(5), part: z.string(), passMark: z.union([z.number(), z.string()]) }),
    (ctx, a) => setPassMark(ctx, a),
  ),
};
