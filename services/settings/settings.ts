import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { SETTING_KEYS } from './keys';

export interface Setting {
  key: string;
  label: string;
  value: string;
}

export function listSettings(ctx: Ctx): Setting[] {
  const stored = new Map(
    (ctx.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  return Object.entries(SETTING_KEYS).map(([key, def]) => ({ key, label: def.label, value: stored.get(key) ?? def.default }));
}

export function getSetting(ctx: Ctx, key: string): string {
  const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? SETTING_KEYS[key]?.default ?? '';
}

export function setSetting(ctx: Ctx, key: string, rawValue: string): Setting {
  const def = SETTING_KEYS[key];
  if (!def) {
    throw new AppError('SETTING_UNKNOWN', `没有名为「${key}」的设置项。可用的设置项：${Object.keys(SETTING_KEYS).join('、')}。`);
  }
  const value = rawValue.trim();
  const problem = def.validate(value);
  if (problem) throw new AppError('SETTING_INVALID', `${def.label}：${problem}`);
  return inTransaction(ctx.db, () => {
    const old = getSetting(ctx, key);
    ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    if (old !== value) recordAudit(ctx, { entity: 'setting', entityId: key, action: 'update', oldValue: old, newValue: value });
    return { key, label: def.label, value };
  });
}
