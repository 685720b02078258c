// The certificate must keep looking like the one an officer approved: pages are rendered and
// compared with reference renders in assets/certificate/ (grey, 40 dpi) within a tolerance that
// absorbs anti-aliasing but not a moved field, a lost photo or a missing line.
// To accept a deliberate change of layout: CERTDESK_UPDATE_REFERENCES=1 npx vitest run test/certificates/reference.test.ts
// and look at the new PNGs before committing them.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import { keyStoreFor } from '../../services/certificates/keyStore';
import { keyIdOf } from '../../services/certificates/signing';
import { PNG } from 'pngjs';
import { call, ROOT, tempDir } from '../helpers';
import { officeWithSession } from './fixtures';
import { renderPage } from './poppler';

// A fixed key, so the QR code (Ed25519 signatures are deterministic) is the same on every run.
const TEST_KEY = {
  private: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIMDzU+6D2YP6ioCSjjqMuAcUXSBDUeAbRx8dJwovUMIE\n-----END PRIVATE KEY-----\n',
  public: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAfd5bFceQkb+mk2VzKER/unMlTtz0YVPKVEhUhdHCgNI=\n-----END PUBLIC KEY-----\n',
};

const REFERENCES = path.join(ROOT, 'assets/certificate');
const UPDATE = process.env.CERTDESK_UPDATE_REFERENCES === '1';

interface Difference {
  meanAbs: number;
  /** Share of pixels off by more than a quarter of the grey range. */
  changedShare: number;
}

function compare(actualFile: string, referenceFile: string): Difference {
  const a = PNG.sync.read(fs.readFileSync(actualFile));
  const b = PNG.sync.read(fs.readFileSync(referenceFile));
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  let changed = 0;
  const pixels = a.width * a.height;
  for (let i = 0; i < pixels; i++) {
    const d = Math.abs(a.data[i * 4]! - b.data[i * 4]!);
    sum += d;
    if (d > 64) changed++;
  }
  return { meanAbs: sum / pixels, changedShare: changed / pixels };
}

async function printedPage(settings: Record<string, string>, request: { stock?: boolean }): Promise<string> {
  const o = await officeWithSession({ 'certificate.seal': path.join(REFERENCES, 'seal-sample.png'), ...settings });
  // A fixed key, so the QR code is the same on every run: its private half in the key store, as CertDesk keeps it.
  keyStoreFor(o.db).create(keyIdOf(createPublicKey(TEST_KEY.public)), TEST_KEY.private);
  o.db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at, active) VALUES (?, '', '2024-01-01T00:00:00.000Z', 1)").run(TEST_KEY.public);
  const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
  const out = path.join(tempDir(), 'c.pdf');
  await call(o.ctx, 'certificates.pdf', { numbers: [issued[1]!.number], out, ...request });
  return renderPage(out, 1, 40, ['-gray']);
}

const CASES: { file: string; story: string; settings: Record<string, string>; request: { stock?: boolean } }[] = [
  { file: 'reference-portrait.png', story: 'the full portrait page with photo, QR code and seal', settings: {}, request: {} },
  { file: 'reference-landscape-bilingual.png', story: 'the landscape bilingual page', settings: { 'certificate.orientation': 'landscape', 'certificate.bilingual': 'yes' }, request: {} },
  { file: 'reference-stock.png', story: 'the values only, for pre-printed stock', settings: { 'certificate.stockOffsetX': '2', 'certificate.stockOffsetY': '1' }, request: { stock: true } },
];

describe('certificates look as approved', () => {
  for (const c of CASES) {
    it(`renders ${c.story} like the reference render`, async () => {
      const png = await printedPage(c.settings, c.request);
      const reference = path.join(REFERENCES, c.file);
      if (UPDATE) fs.copyFileSync(png, reference);
      const d = compare(png, reference);
      expect(d.meanAbs, `mean grey difference for ${c.file}`).toBeLessThan(1.5);
      expect(d.changedShare, `share of changed pixels for ${c.file}`).toBeLessThan(0.004);
    });
  }

  it('would notice a field moved by two millimetres', async () => {
    const normal = await printedPage({ 'certificate.stockOffsetX': '2', 'certificate.stockOffsetY': '1' }, { stock: true });
    const moved = await printedPage({ 'certificate.stockOffsetX': '4', 'certificate.stockOffsetY': '1' }, { stock: true });
    const d = compare(moved, normal);
    expect(d.changedShare).toBeGreaterThan(0.004);
  });
});
