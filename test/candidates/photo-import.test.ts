// Photos in bulk, from a folder or a .zip named by ID number: matched, not matched, refused with a
// reason (not an image, too large, already has a photo), a zip bomb refused whole, --replace.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { portraitPng } from '../certificates/fixtures';
import { deflatedSpaces, zip } from '../spreadsheets/zip';
import type { Ctx } from '../../services/shared/context';

const zhang = makeIdNumber('440106', '19900315', 31);
const li = makeIdNumber('510104', '19881122', 42);
/** Ends in X: the file may say x. */
const wang = (() => {
  for (let seq = 1; ; seq++) {
    const id = makeIdNumber('110105', '19491231', seq);
    if (id.endsWith('X')) return id;
  }
})();
const stranger = makeIdNumber('310101', '19950505', 44);

/** A JPEG as far as its first bytes tell (the photo check reads the signature, like a browser's). */
const jpeg = (n = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n, 7)]);

async function people(): Promise<{ ctx: Ctx; file: string; ids: Record<string, number> }> {
  const { ctx, file } = createDB();
  const ids: Record<string, number> = {};
  for (const [idNumber, name] of [[zhang, '张伟'], [li, '李娜'], [wang, '王堃']] as const) ids[idNumber] = (await call(ctx, 'candidates.add', { idNumber, name })).id;
  return { ctx, file, ids };
}

const stored = (part: { name: string; bytes: Buffer }) => ({
  name: part.name,
  data: { deflated: zlib.deflateRawSync(part.bytes), size: part.bytes.length, crc: zlib.crc32(part.bytes) },
});

describe('photos.import', () => {
  it('matches a folder’s photos by ID number (a final x in any case), lists the unknown and refuses what is not a photo or too large', async () => {
    const { ctx, ids } = await people();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${zhang}.jpg`), jpeg());
    fs.writeFileSync(path.join(dir, `${wang.toLowerCase()}.PNG`), portraitPng());
    fs.writeFileSync(path.join(dir, `${stranger}.jpg`), jpeg());
    fs.writeFileSync(path.join(dir, `${li}.txt`), 'not a photo');
    fs.writeFileSync(path.join(dir, `${li}.jpeg`), Buffer.from('%PDF-1.7 renamed'));
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'mac');
    const r = await call(ctx, 'photos.import', { from: { path: dir } });
    expect(r).toMatchObject({ matched: 2, replaced: 0, unmatched: [`${stranger}.jpg`] });
    expect(r.refused).toEqual([
      { file: `${li}.jpeg`, reason: expect.stringContaining('不是 JPEG 或 PNG') },
      { file: `${li}.txt`, reason: expect.stringContaining('不是照片') },
    ]);
    expect((await call(ctx, 'candidates.photo', { id: ids[zhang]! })).base64).toBe(jpeg().toString('base64'));
    expect((await call(ctx, 'candidates.get', { id: ids[wang]! })).hasPhoto).toBe(true);
    expect((await call(ctx, 'candidates.get', { id: ids[li]! })).hasPhoto).toBe(false);

    // Too large: refused by its size, the others still taken.
    const big = tempDir();
    fs.writeFileSync(path.join(big, `${li}.jpg`), jpeg(3 * 1024 * 1024));
    const r2 = await call(ctx, 'photos.import', { from: { path: big } });
    expect(r2).toMatchObject({ matched: 0, refused: [{ file: `${li}.jpg`, reason: expect.stringContaining('2 MB') }] });
  });

  it('replaces an existing photo only when asked', async () => {
    const { ctx, ids } = await people();
    await call(ctx, 'candidates.setPhoto', { id: ids[zhang]!, base64: jpeg(10).toString('base64') });
    const upload = { name: '照片.zip', base64: zip([stored({ name: `照片/${zhang}.jpg`, bytes: jpeg(500) })]).toString('base64') };
    const kept = await call(ctx, 'photos.import', { from: upload });
    expect(kept).toMatchObject({ matched: 0, replaced: 0, refused: [{ file: `照片/${zhang}.jpg`, reason: expect.stringContaining('已有照片') }] });
    expect((await call(ctx, 'candidates.photo', { id: ids[zhang]! })).base64).toBe(jpeg(10).toString('base64'));
    const replaced = await call(ctx, 'photos.import', { from: upload, replace: true });
    expect(replaced).toMatchObject({ matched: 1, replaced: 1, refused: [] });
    expect((await call(ctx, 'candidates.photo', { id: ids[zhang]! })).base64).toBe(jpeg(500).toString('base64'));
  });

  it('reads a zip upload (folders inside, macOS leftovers passed over) and refuses a photo whose directory claims more than 2 MB without inflating it', async () => {
    const { ctx } = await people();
    const bytes = zip([
      { name: '__MACOSX/._x.jpg', data: 'junk' },
      stored({ name: `a/${zhang}.jpg`, bytes: jpeg() }),
      stored({ name: `${li}.png`, bytes: portraitPng(1) }),
      stored({ name: `${wang}.jpg`, bytes: jpeg(3 * 1024 * 1024) }),
    ]);
    const r = await call(ctx, 'photos.import', { from: { name: 'photos.zip', base64: bytes.toString('base64') } });
    expect(r).toMatchObject({ matched: 2, unmatched: [], refused: [{ file: `${wang}.jpg`, reason: expect.stringContaining('2 MB') }] });
  });

  it('refuses a zip bomb whole and stores nothing from it', async () => {
    const { ctx, ids } = await people();
    // A photo that claims 100 KB and inflates to 300 MB, after a sound one.
    const bomb = zip([stored({ name: `${zhang}.jpg`, bytes: jpeg() }), { name: `${li}.jpg`, data: await deflatedSpaces(300), claimedSize: 100_000 }]);
    const e = await callError(ctx, 'photos.import', { from: { name: 'bomb.zip', base64: bomb.toString('base64') } });
    expect(e.code).toBe('FILE_ZIP_BOMB');
    expect(e.message).toContain('没有导入任何照片');
    expect((await call(ctx, 'candidates.get', { id: ids[zhang]! })).hasPhoto).toBe(false);
    // A directory declaring far more than any zip of photos is refused before anything is inflated.
    const declared = zip([{ name: `${zhang}.jpg`, data: await deflatedSpaces(300), claimedSize: 600 * 1024 * 1024 }]);
    expect((await callError(ctx, 'photos.import', { from: { name: 'big.zip', base64: declared.toString('base64') } })).code).toMatch(/FILE_ZIP_BOMB|FILE_TOO_LARGE/);
    expect((await callError(ctx, 'photos.import', { from: { name: 'x.zip', base64: Buffer.from('not a zip').toString('base64') } })).code).toBe('PHOTO_ZIP_INVALID');
  });

  it('refuses a folder named by a page: a browser uploads a zip', async () => {
    const { ctx } = await people();
    const e = await callError({ ...ctx, caller: 'page' }, 'photos.import', { from: { path: tempDir() } });
    expect(e.code).toBe('PATH_NOT_ALLOWED');
  });
});

describe('certdesk photos import', () => {
  it('imports a folder and a zip as a subprocess, prints {matched, replaced, unmatched, refused} with --json, and replaces with --replace', async () => {
    const { file } = await people();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${zhang}.jpg`), jpeg());
    fs.writeFileSync(path.join(dir, `${stranger}.jpg`), jpeg());
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'x');
    const r = runCli(['photos', 'import', '--from', dir, '--db', file, '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toEqual({ matched: 1, replaced: 0, unmatched: [`${stranger}.jpg`], refused: [{ file: 'readme.txt', reason: expect.any(String) }] });

    const archive = path.join(tempDir(), 'photos.zip');
    fs.writeFileSync(archive, zip([stored({ name: `${zhang}.jpg`, bytes: jpeg(900) }), stored({ name: `${li}.jpg`, bytes: jpeg(900) })]));
    const again = runCli(['photos', 'import', '--from', archive, '--db', file]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('已导入 1 张照片');
    expect(again.stdout).toContain('已有照片');
    const replaced = runCli(['photos', 'import', '--from', archive, '--replace', '--db', file, '--json']);
    expect(replaced.json).toMatchObject({ matched: 2, replaced: 2, refused: [] });
    const missing = runCli(['photos', 'import', '--db', file]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr + missing.stdout).toContain('--from');
  });
});
