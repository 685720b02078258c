// The occupation catalogue: occupations, their levels, 工种 and parts, each part's pass mark;
// editing it is an administrator's (services/occupations/catalogue.ts).
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { getOccupation, listOccupations } from '../../services/occupations/occupations';
import { addLevel, addOccupation, removeLevel, removeSpecialty, retireOccupation, setPart, setSpecialty, updateOccupation } from '../../services/occupations/catalogue';

const Level = z.union([z.number(), z.string()]);
const Levels = z.union([z.string(), z.array(z.union([z.number(), z.string()]))]);

export const occupationOperations = {
  'occupations.list': query({ title: '查看职业目录' }, NoArgs, (ctx) => listOccupations(ctx)),
  /** One occupation by code (an older edition's code is matched to its edition) or name. */
  'occupations.get': query({ title: '查看职业' }, z.object({ occupation: z.string() }), (ctx, a) => getOccupation(ctx, a.occupation)),
  'occupations.add': command(
    { title: '增加职业', access: 'admin' },
    z.object({ code: z.string(), name: z.string(), edition: z.string().optional(), levels: Levels.optional(), successor: z.string().optional() }),
    (ctx, a) => addOccupation(ctx, a),
  ),
  'occupations.update': command(
    { title: '更正职业', access: 'admin' },
    z.object({ occupation: z.string(), name: z.string().optional(), code: z.string().optional() }),
    (ctx, a) => updateOccupation(ctx, a),
  ),
  /** Removed when no session names it; retired (kept for those sessions) when one does. */
  'occupations.retire': command({ title: '停用职业', access: 'admin' }, z.object({ occupation: z.string() }), (ctx, a) => retireOccupation(ctx, a)),
  'occupations.addLevel': command({ title: '增加职业等级', access: 'admin' }, z.object({ occupation: z.string(), level: Level }), (ctx, a) => addLevel(ctx, a)),
  'occupations.removeLevel': command({ title: '取消职业等级', access: 'admin' }, z.object({ occupation: z.string(), level: Level }), (ctx, a) => removeLevel(ctx, a)),
  /** Adds a 工种, or corrects the levels it offers. */
  'occupations.setSpecialty': command(
    { title: '设置工种', access: 'admin' },
    z.object({ occupation: z.string(), name: z.string(), levels: Levels }),
    (ctx, a) => setSpecialty(ctx, a),
  ),
  'occupations.removeSpecialty': command({ title: '取消工种', access: 'admin' }, z.object({ occupation: z.string(), name: z.string() }), (ctx, a) => removeSpecialty(ctx, a)),
  /**
   * A part of a level: pass mark, required or not, weighting; open sessions' outcomes follow,
   * finalized ones stay locked. The one way to change a pass mark (设置 → 职业目录 and the CLI).
   */
  'occupations.setPart': command(
    { title: '设置考核科目', access: 'admin' },
    z.object({
      occupation: z.string(),
      level: Level,
      part: z.string(),
      passMark: z.union([z.number(), z.string()]).optional(),
      required: z.union([z.boolean(), z.string()]).optional(),
      weight: z.union([z.number(), z.string()]).optional(),
    }),
    (ctx, a) => setPart(ctx, a),
  ),
};
