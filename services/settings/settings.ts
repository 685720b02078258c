// Reading and changing settings. Every key is listed in ./keys.ts; nothing else reads the settings table.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { requireAdmin } from '../operators/operators';
import { SETTING_KEYS, settingKey, type SettingName, type SettingType } from './keys';

export interface Setting {
  key: string;
  label: string;
  value: string;
  /** How the value reads (keys.ts): the window shows a choice in words and a file setting as an upload. */
  type: SettingType;
}

/** Settings that name a file on this computer, with the value that names none. */
export const FILE_SETTINGS: Readonly<Record<string, string>> = { 'certificate.font': 'bundled', 'certificate.seal': '' };

export function listSettings(ctx: Ctx): Setting[] {
  const stored = new Map(
    (ctx.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  return Object.entries(SETTING_KEYS).map(([key, def]) => ({ key, label: def.label, value: stored.get(key) ?? def.default, type: def.type }));
}

export function getSetting(ctx: Ctx, key: SettingName): string {
  const row = cachedStatement(ctx.db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? SETTING_KEYS[key].default;
}

/**
 * A number setting (type integer or decimal). A stored value that no longer passes the key's rule
 * (written by an older version, or by hand) reads as the default rather than as NaN.
 */
export function getNumberSetting(ctx: Ctx, key: SettingName): number {
  const def = SETTING_KEYS[key];
  const value = getSetting(ctx, key);
  return def.validate(value) === null && Number.isFinite(Number(value)) ? Number(value) : Number(def.default);
}

/**
 * `storedHere`: the value is a copy of an uploaded file the server itself placed beside the
 * database (settings/files.ts), so a page may set it although it may never name a path.
 */
export function setSetting(ctx: Ctx, key: string, rawValue: string, options: { storedHere?: boolean } = {}): Setting {
  const def = settingKey(key);
  if (!def) {
    throw new AppError('SETTING_UNKNOWN', `没有名为「${key}」的设置项。可用的设置项：${Object.keys(SETTING_KEYS).join('、')}。`);
  }
  if (def.changedBy === 'admin') requireAdmin(ctx, `修改「${def.label}」`);
  const value = rawValue.trim();
  const problem = def.validate(value);
  if (problem) throw new AppError('SETTING_INVALID', `${def.label}：${problem}`);
  // The font and the seal are files read when certificates are printed: a page may only switch them back.
  if (Object.hasOwn(FILE_SETTINGS, key) && value !== FILE_SETTINGS[key] && ctx.caller === 'page' && !options.storedHere) {
    throw new AppError('PATH_NOT_ALLOWED', `${def.label}：在窗口或浏览器中不能填写本机上的文件路径。请用「选择文件」上传字体或印章图片，或用命令行设置：certdesk settings set ${key} 文件路径。`);
  }
  return inTransaction(ctx.db, () => {
    const old = getSetting(ctx, key as SettingName);
    ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    if (old !== value) recordAudit(ctx, { entity: 'setting', entityId: key, action: 'update', oldValue: old, newValue: value });
    return { key, label: def.label, value, type: def.type };
  });
}
