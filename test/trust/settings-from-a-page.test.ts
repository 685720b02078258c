// What a page may do with files although it never names a path: restore a backup by its name in the
// backups folder (with the same checks as the CLI restore), and upload the certificate's font and seal.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { call, callError, createDB } from '../helpers';
import { portraitPng } from '../certificates/fixtures';
import { certificateFilesFolder } from '../../services/settings/files';
import { backupsFolder } from '../../services/backup/naming';
import type { Ctx } from '../../services/shared/context';

const require = createRequire(import.meta.url);

let ctx: Ctx;
let page: Ctx;
let file: string;
beforeEach(() => {
  ({ ctx, file } = createDB());
  page = { ...ctx, caller: 'page' };
});

const institutionName = async () => (await call(ctx, 'settings.list', {})).find((s) => s.key === 'institution.name')!.value;

describe('restoring from a page, by the backup’s name', () => {
  it('restores a backup listed in the backups folder and keeps the current data first', async () => {
    await call(ctx, 'settings.set', { key: 'institution.name', value: '备份时的名称' });
    const b = await call(ctx, 'backup.create', {});
    await call(ctx, 'settings.set', { key: 'institution.name', value: '恢复前的名称' });
    const name = (await call(page, 'backup.list', {})).backups.find((x) => x.file === b.file)!.name;
    const r = await call(page, 'backup.restore', { name });
    expect(await institutionName()).toBe('备份时的名称');
    expect(fs.existsSync(r.safetyBackup)).toBe(true);
    expect((await call(ctx, 'audit.recent', { limit: 1 }))[0]).toMatchObject({ entity: 'backup', action: 'restore', entityId: name });
  });

  it('refuses a path, a name with ../ and a name not in the folder, and the checks of the CLI restore still apply', async () => {
    const b = await call(ctx, 'backup.create', {});
    expect((await callError(page, 'backup.restore', { file: b.file })).code).toBe('PATH_NOT_ALLOWED');
    for (const name of [`../${path.basename(file)}`, b.file, 'certdesk-20240101-000000-manual.sqlite', 'x.sqlite']) {
      expect((await callError(page, 'backup.restore', { name })).code).toBe('BACKUP_NOT_FOUND');
    }
    // A file in the folder that is not a CertDesk database, named like a backup: refused by the same checks.
    const fake = path.join(backupsFolder(file), 'certdesk-20240101-000000-manual.sqlite');
    fs.writeFileSync(fake, 'SQLite format 3\0 but not really');
    const e = await callError(page, 'backup.restore', { name: path.basename(fake) });
    expect(e.code).not.toBe('BACKUP_NOT_FOUND');
    expect(e.message).toContain('当前数据没有改动');
  });

  it('lets only an administrator restore', async () => {
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    await call({ ...ctx, operator: 'wangfang' }, 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
    const b = await call({ ...ctx, operator: 'wangfang' }, 'backup.create', {});
    expect((await callError({ ...page, operator: 'lina' }, 'backup.restore', { name: path.basename(b.file) })).code).toBe('ADMIN_REQUIRED');
  });
});

describe('uploading the certificate font and seal', () => {
  it('keeps a copy of the seal beside the database and points the setting at it; a font likewise', async () => {
    const seal = await call(page, 'settings.upload', { key: 'certificate.seal', name: '公章.png', base64: portraitPng().toString('base64') });
    expect(path.dirname(seal.value)).toBe(certificateFilesFolder(file));
    expect(fs.readFileSync(seal.value)).toEqual(portraitPng());
    const bundled = path.join(path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')));
    const ttf = fs.readdirSync(bundled, { recursive: true }).map(String).find((f) => f.endsWith('.ttf'))!;
    const font = await call(page, 'settings.upload', { key: 'certificate.font', name: 'C:\\Windows\\Fonts\\simfang.ttf', base64: fs.readFileSync(path.join(bundled, ttf)).toString('base64') });
    expect(font.value.endsWith('.ttf')).toBe(true);
    expect(path.dirname(font.value)).toBe(certificateFilesFolder(file));
    expect((await call(ctx, 'audit.recent', { limit: 1 }))[0]).toMatchObject({ entity: 'setting', entityId: 'certificate.font' });
  });

  it('refuses a seal that is not a PNG and a font that is not a font, storing nothing', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');
    expect((await callError(page, 'settings.upload', { key: 'certificate.seal', name: 'seal.jpg', base64: jpeg })).message).toContain('PNG');
    expect((await callError(page, 'settings.upload', { key: 'certificate.font', name: 'font.ttf', base64: jpeg })).message).toContain('无法作为字体读取');
    expect((await callError(page, 'settings.upload', { key: 'certificate.font', name: 'font.doc', base64: jpeg })).message).toContain('不是字体文件');
    expect(fs.existsSync(certificateFilesFolder(file)) ? fs.readdirSync(certificateFilesFolder(file)) : []).toEqual([]);
    expect((await call(ctx, 'settings.list', {})).find((s) => s.key === 'certificate.seal')).toMatchObject({ value: '', type: 'path' });
  });
});
