// Where the database may live and who may hold it: not on a network share, one running app at a time.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDB, tempDir } from '../helpers';
import { holdInstanceLock, networkShareKind } from '../../db/database';

describe('a database on a network share', () => {
  it('is recognised by a UNC path on Windows', () => {
    expect(networkShareKind('\\\\fileserver\\培训科\\certdesk.sqlite', 'win32', null)).toContain('UNC');
    expect(networkShareKind('//fileserver/share/certdesk.sqlite', 'win32', null)).toContain('UNC');
    expect(networkShareKind('C:\\Users\\王芳\\AppData\\Roaming\\CertDesk\\certdesk.sqlite', 'win32', null)).toBeNull();
  });

  it('is recognised by the filesystem type on Linux (NFS, SMB/CIFS)', () => {
    expect(networkShareKind('/mnt/share/certdesk.sqlite', 'linux', 0x6969)).toContain('NFS');
    expect(networkShareKind('/mnt/share/certdesk.sqlite', 'linux', 0xff534d42)).toContain('CIFS');
    expect(networkShareKind('/mnt/share/certdesk.sqlite', 'linux', 0xfe534d42)).toContain('SMB2');
    expect(networkShareKind('/home/wang/.config/CertDesk/certdesk.sqlite', 'linux', 0xef53)).toBeNull();
  });

  it('does not stop a database on a local disk from opening', () => {
    const { db } = createDB();
    expect(db.open).toBe(true);
    db.close();
  });
});

describe('the single-instance lock', () => {
  it('refuses a second holder with a message that says what to do, and frees the lock on release', () => {
    const file = path.join(tempDir(), 'certdesk.sqlite');
    const release = holdInstanceLock(file);
    expect(() => holdInstanceLock(file)).toThrow(/已经被另一个正在运行的 CertDesk 打开。请切换到那个窗口/);
    release();
    holdInstanceLock(file)();
  });
});

describe('the single-instance lock, left alone', () => {
  it('survives garbage collection when the caller keeps no reference to it', async () => {
    const file = path.join(tempDir(), 'certdesk.sqlite');
    holdInstanceLock(file);
    const gc = (globalThis as { gc?: () => void }).gc;
    // Without --expose-gc, allocate enough to make a collection likely.
    if (gc) gc();
    else for (let i = 0; i < 50; i++) new Array(200_000).fill(i);
    await new Promise((r) => setTimeout(r, 50));
    expect(() => holdInstanceLock(file)).toThrow(/另一个正在运行的 CertDesk/);
  });
});
