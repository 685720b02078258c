// Settings: the evaluation body, certificate numbering, the lock timeout and the rest (services/settings/keys.ts).
import path from 'node:path';
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { listSettings, setSetting } from '../../services/settings/settings';
import { storeSettingFile } from '../../services/settings/files';

export const settingsOperations = {
  'settings.list': query({ title: '查看设置' }, NoArgs, (ctx) => listSettings(ctx)),
  'settings.set': command({ title: '修改设置', access: 'admin' }, z.object({ key: z.string(), value: z.string() }), (ctx, a) => setSetting(ctx, a.key, a.value)),
  /** The certificate's font or seal from a file picker: its bytes, kept beside the database. */
  'settings.upload': command(
    { title: '上传证书字体或印章', access: 'admin' },
    z.object({ key: z.enum(['certificate.font', 'certificate.seal']), name: z.string().min(1).max(255), base64: z.string() }),
    (ctx, a) => storeSettingFile(ctx, a.key, path.basename(a.name), a.base64),
  ),
};
