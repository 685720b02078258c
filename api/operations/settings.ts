// Settings: the evaluation body, certificate numbering, the lock timeout and the rest (services/settings/keys.ts).
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { listSettings, setSetting } from '../../services/settings/settings';

export const settingsOperations = {
  'settings.list': query({ title: '查看设置' }, NoArgs, (ctx) => listSettings(ctx)),
  'settings.set': command({ title: '修改设置', access: 'admin' }, z.object({ key: z.string(), value: z.string() }), (ctx, a) => setSetting(ctx, a.key, a.value)),
};
