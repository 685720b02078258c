// 1,000 certificates with photo and signed QR code into one PDF (target < 3 s, < 300 MB),
// beside bare pdfkit writing the same text in the same font (our overhead ratio).
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import type { Measurement, Scenario } from '../scenario';
import { openDatabase } from '../../db/database';
import { checkCharacter } from '../../services/ids/idNumber';
import { nowIso } from '../../services/shared/dates';
import { setSetting } from '../../services/settings/settings';
import { issueForSession } from '../../services/certificates/issue';
import { certificatesPdf } from '../../services/certificates/pdf';
import { listCertificates } from '../../services/certificates/records';
import { certificateFont } from '../../services/certificates/fonts';
import { issueDateText } from '../../services/certificates/render';
import type { Ctx } from '../../services/shared/context';

const COUNT = 1000;
const REPEATS = Number(process.env.CERT_BENCH_REPEATS ?? 3);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯健俊帆帅旭宁博文';

/** A one-inch colour photo, different per person, with sensor-like noise so it weighs what a real one does (~30 KB, as a scanned 一寸 photo). */
function photo(i: number): Buffer {
  const w = 150;
  const h = 210;
  const png = new PNG({ width: w, height: h, colorType: 2 });
  let seed = i + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = (y * w + x) * 4;
      const face = ((x - w / 2) ** 2) / 1300 + ((y - h * 0.38) ** 2) / 2400 < 1;
      const body = y > h * 0.68;
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = ((seed >> 16) % 5) - 2;
      png.data[k] = (face ? 236 : body ? (i * 37) % 200 : 250) + grain;
      png.data[k + 1] = (face ? 200 : body ? (i * 53) % 200 : 250) + grain;
      png.data[k + 2] = (face ? 170 : body ? 140 : 250) + grain;
      png.data[k + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}

/** A finalized session of 1,000 who passed, each with a photo, and their certificates issued. */
function buildOffice(file: string): void {
  const db = openDatabase(file);
  const ctx: Ctx = { db, operator: 'bench' };
  for (const [k, v] of Object.entries({ 'institution.name': '广东省物业管理行业协会职业技能等级认定中心', 'institution.province': '44', 'institution.site': '000123' })) setSetting(ctx, k, v);
  const now = nowIso();
  const occ = db.prepare("SELECT id FROM occupations WHERE name = '物业管理师'").get() as { id: number };
  const session = Number(
    db.prepare("INSERT INTO sessions (name, occupation_id, level, attempt, exam_date, status, finalized_at, created_at) VALUES ('基准批次', ?, 3, 'first', '2024-06-15', 'finalized', ?, ?)").run(occ.id, now, now).lastInsertRowid,
  );
  const addCandidate = db.prepare("INSERT INTO candidates (id_type, id_number, name, photo, created_at, updated_at) VALUES ('居民身份证', ?, ?, ?, ?, ?)");
  const enrol = db.prepare("INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, outcome, created_at) VALUES (?, ?, ?, 'first', 'pass', ?)");
  db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const first17 = `440106${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i % 3 ? GIVEN[(i * 11) % GIVEN.length] : ''}`;
      const id = Number(addCandidate.run(first17 + checkCharacter(first17), name, photo(i), now, now).lastInsertRowid);
      enrol.run(session, id, String(i + 1).padStart(8, '0'), now);
    }
  })();
  issueForSession(ctx, session, '2024-07-01');
  db.close();
}

const SELF = fileURLToPath(import.meta.url);
if (process.argv[1] === SELF && process.argv[2] === '--build-office') buildOffice(process.argv[3]!);

/**
 * The office is built in a child process: making 1,000 photos churns ~200 MB that the allocator
 * keeps, which would otherwise be counted as the PDF's memory.
 */
function office(dir: string): Ctx {
  const file = path.join(dir, 'bench.sqlite');
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--build-office', file], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the benchmark office failed');
  return { db: openDatabase(file), operator: 'bench' };
}

/** The same text at the same places with bare pdfkit: no photo, no QR, no checks, no database. */
async function barePdfkit(ctx: Ctx, out: string): Promise<void> {
  const certs = listCertificates(ctx, { status: 'issued' });
  const font = certificateFont('bundled');
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  doc.registerFont('r', font.regular.data);
  doc.registerFont('b', font.bold.data);
  const done = new Promise<void>((resolve) => doc.pipe(fs.createWriteStream(out)).on('finish', resolve));
  for (const c of certs) {
    doc.addPage();
    doc.font('b').fontSize(30).text('职业技能等级证书', 150, 96, { lineBreak: false });
    doc.font('r').fontSize(12);
    const values = [c.name, c.idType, c.idNumber, c.occupationName ?? '', c.specialty ?? '--', c.levelLabel ?? '', c.number, issueDateText(c.issueDate)];
    values.forEach((v, i) => {
      doc.text(['姓名', '证件类型', '证件号码', '职业名称', '工种/职业方向', '职业技能等级', '证书编号', '发证日期'][i]!, 85, 227 + i * 37, { lineBreak: false });
      doc.text(v, 198, 227 + i * 37, { lineBreak: false });
    });
    doc.text('广东省物业管理行业协会职业技能等级认定中心', 270, 584, { lineBreak: false });
  }
  doc.end();
  await done;
}

const thousand: Scenario = {
  name: 'certificates-pdf-1000',
  title: '1,000 本证书（照片 + 签名二维码）生成一个 PDF',
  target: { metric: 'median', ms: 3000, memoryMb: 300 },
  async run(): Promise<Measurement> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-cert-'));
    try {
      const ctx = office(dir);
      const out = path.join(dir, 'out.pdf');
      const samplesMs: number[] = [];
      const baselineMs: number[] = [];
      let peak = process.memoryUsage().rss;
      let ourPeak = peak;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      // CPU time beside wall time: on a shared machine the wall clock measures the neighbours too.
      const cpuMs: number[] = [];
      const baselineCpuMs: number[] = [];
      const cpuSince = (c: NodeJS.CpuUsage) => {
        const d = process.cpuUsage(c);
        return (d.user + d.system) / 1000;
      };
      for (let r = 0; r < REPEATS; r++) {
        let t = performance.now();
        let c = process.cpuUsage();
        await certificatesPdf(ctx, { sessionId: 1, out });
        samplesMs.push(performance.now() - t);
        cpuMs.push(cpuSince(c));
        if (r === 0) ourPeak = peak;
        t = performance.now();
        c = process.cpuUsage();
        await barePdfkit(ctx, path.join(dir, 'bare.pdf'));
        baselineMs.push(performance.now() - t);
        baselineCpuMs.push(cpuSince(c));
      }
      clearInterval(timer);
      const size = fs.statSync(out).size;
      const bareSize = fs.statSync(path.join(dir, 'bare.pdf')).size;
      ctx.db.close();
      return {
        samplesMs,
        baselineMs,
        baselineLabel: 'bare pdfkit, same text and font, no photo/QR',
        // Peak before the first bare run, so the baseline's own allocations are not ours.
        peakMemoryMb: ourPeak / 1024 / 1024,
        notes: `${COUNT} pages, ${(size / 1024 / 1024).toFixed(1)} MB (bare: ${(bareSize / 1024 / 1024).toFixed(1)} MB); CPU ms ours ${cpuMs.map(Math.round).join('/')}, bare ${baselineCpuMs.map(Math.round).join('/')}`,
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default [thousand];
