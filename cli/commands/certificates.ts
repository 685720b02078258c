// certdesk certificates …, certdesk verify: the certificate commands (docs/cli.md § Certificates).
import fs from 'node:fs';
import path from 'node:path';
import { callOp, choice, type CliCommand, flag, opCommand, requireFlag, requireWord, runCommand } from '../command';
import { renderTable } from '../table';
import { AppError } from '../../services/errors';
import type { Certificate } from '../../services/certificates/records';
import { CERT_STATUS_LABELS } from '../../services/certificates/records';
import type { AwaitingCertificate, IssuePreview, IssueResult } from '../../services/certificates/issue';
import type { CertificateImportResult } from '../../services/certificates/import';
import type { PdfOutput } from '../../services/certificates/pdf';
import { verifyQr, type VerifyResult } from '../../services/certificates/verify';
import { resolveDatabasePath } from '../../services/shared/paths';
import { openDataFile } from '../../services/backup/beforeMigrate';
import { cliOperator } from '../operator';
import type { SigningKey } from '../../services/certificates/signing';

function certificateTable(rows: Certificate[]): string {
  if (rows.length === 0) return '还没有证书。批次定稿后用 certdesk certificates issue --session ID 发证。';
  return renderTable(
    ['证书编号', '姓名', '证件号码', '职业', '等级', '发证日期', '状态', '备注'],
    rows.map((c) => [
      c.number,
      c.name,
      c.idNumber,
      c.occupationName ?? '',
      c.levelLabel ?? '',
      c.issueDate,
      CERT_STATUS_LABELS[c.status],
      [c.voidReason ? `作废原因：${c.voidReason}` : '', c.replacesNumber ? `补发自 ${c.replacesNumber}` : '', c.replacedByNumber ? `已补发 ${c.replacedByNumber}` : '', identityNote(c), c.source === 'imported' ? '省平台编号' : '']
        .filter(Boolean)
        .join('；'),
    ]),
  );
}

export function identityNote(c: Certificate): string {
  const k = c.identityCorrection;
  return k ? `持证人${k.changed.join('、')}已于 ${k.at.slice(0, 10)} 由管理员更正（原因：${k.reason}）` : '';
}

function readFileFlag(p: Parameters<typeof flag>[0], name: string): string | undefined {
  const file = flag(p, name);
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `无法读取文件 ${file}，请检查路径。`);
  }
}

function orientation(p: Parameters<typeof flag>[0]): 'landscape' | undefined {
  return p.flags.get('landscape') === true ? 'landscape' : undefined;
}

export const certificateCommands: CliCommand[] = [
  opCommand({
    words: ['certificates', 'issue'],
    usage: 'certdesk certificates issue --session ID [--date YYYY-MM-DD]',
    summary: '给定稿批次中合格的考生发证（分配证书编号）',
    op: 'certificates.issue',
    args: (p) => ({ sessionId: requireFlag(p, 'session', '批次编号'), date: flag(p, 'date') }),
    print: (r: IssueResult) =>
      [
        r.issued.length ? renderTable(['证书编号', '姓名', '证件号码'], r.issued.map((i) => [i.number, i.name, i.idNumber])) : '',
        `本次发证 ${r.issued.length} 本${r.alreadyIssued.length ? `；另有 ${r.alreadyIssued.length} 人此前已发证，未重复发放` : ''}。`,
        r.skipped.length
          ? `以下 ${r.skipped.length} 人已持有同一职业、等级和工种的有效证书，未再发证（如需换发请用 certificates reissue 补发）：\n${renderTable(['姓名', '证件号码', '已持证书编号'], r.skipped.map((i) => [i.name, i.idNumber, i.number]))}`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
  }),
  opCommand({
    words: ['certificates', 'preview'],
    usage: 'certdesk certificates preview --session ID [--date YYYY-MM-DD]',
    summary: '发证前预览：将发几本、首末证书编号、谁不发（不分配编号）',
    op: 'certificates.issuePreview',
    args: (p) => ({ sessionId: requireFlag(p, 'session', '批次编号'), date: flag(p, 'date') }),
    print: (r: IssuePreview) =>
      [
        r.count ? `发证日期 ${r.date}：将发证 ${r.count} 本，编号 ${r.first} 至 ${r.last}。` : `发证日期 ${r.date}：没有需要发证的考生。`,
        r.alreadyIssued.length ? `另有 ${r.alreadyIssued.length} 人此前已发证，不会重复发放。` : '',
        r.skipped.length
          ? `以下 ${r.skipped.length} 人已持有同一职业、等级和工种的有效证书，不会再发证：\n${renderTable(['姓名', '证件号码', '已持证书编号'], r.skipped.map((i) => [i.name, i.idNumber, i.number]))}`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
  }),
  opCommand({
    words: ['certificates', 'awaiting'],
    usage: 'certdesk certificates awaiting',
    summary: '列出待发证的人（定稿批次中合格、还没有证书）',
    op: 'certificates.awaiting',
    args: () => ({}),
    print: (rows: AwaitingCertificate[]) =>
      rows.length === 0
        ? '没有待发证的人。'
        : renderTable(['批次', '考试日期', '准考证号', '姓名', '证件号码'], rows.map((r) => [`${r.sessionName}（${r.sessionId}）`, r.examDate, r.admissionNumber, r.name, r.idNumber])),
  }),
  opCommand({
    words: ['certificates', 'list'],
    usage: 'certdesk certificates list [--session ID] [--status issued|void]',
    summary: '列出证书（编号、姓名、状态、发证日期）',
    op: 'certificates.list',
    args: (p) => ({ sessionId: flag(p, 'session'), status: choice(p, 'status', ['issued', 'void'] as const) }),
    print: certificateTable,
  }),
  opCommand({
    words: ['certificates', 'show'],
    usage: 'certdesk certificates show NUMBER',
    summary: '查看一本证书',
    op: 'certificates.get',
    args: (_p, rest) => ({ number: requireWord(rest, 0, '证书编号') }),
    print: (c: Certificate) => certificateTable([c]),
  }),
  opCommand({
    words: ['certificates', 'void'],
    usage: 'certdesk certificates void NUMBER --reason 原因',
    summary: '作废一本证书（编号永不再用）',
    op: 'certificates.void',
    args: (p, rest) => ({ number: requireWord(rest, 0, '证书编号'), reason: requireFlag(p, 'reason', '作废原因') }),
    print: (c: Certificate) => `证书 ${c.number}（${c.name}）已作废，原因：${c.voidReason}`,
  }),
  opCommand({
    words: ['certificates', 'reissue'],
    usage: 'certdesk certificates reissue NUMBER --reason 原因 [--date YYYY-MM-DD]',
    summary: '补发：作废原证书，给同一人发新编号的证书并记录对应关系',
    op: 'certificates.reissue',
    args: (p, rest) => ({ number: requireWord(rest, 0, '证书编号'), reason: requireFlag(p, 'reason', '补发原因'), date: flag(p, 'date') }),
    print: (r: { voided: Certificate; issued: Certificate }) => `已补发：${r.issued.name} 的新证书编号 ${r.issued.number}（原证书 ${r.voided.number} 已作废）`,
  }),
  runCommand({
    words: ['certificates', 'import'],
    usage: 'certdesk certificates import FILE.xlsx [--dry-run]',
    summary: '导入省级系统分配的证书编号（姓名、证件号码、证书编号、发证日期）',
    run: async (ctx, p, rest) => {
      const r = await callOp(ctx, 'certificates.import', { file: { path: path.resolve(requireWord(rest, 0, 'Excel 文件路径')) }, dryRun: p.flags.get('dry-run') === true });
      // The printed result keeps its four keys (the window's preview and columns stay out): scripts rely on it.
      return { imported: r.imported, unchanged: r.unchanged, rejected: r.rejected, dryRun: r.dryRun };
    },
    print: (r: Pick<CertificateImportResult, 'imported' | 'unchanged' | 'rejected' | 'dryRun'>) =>
      [
        `${r.dryRun ? '（试导入，未保存）' : ''}导入证书编号 ${r.imported} 个${r.unchanged ? `，${r.unchanged} 个此前已导入` : ''}，退回 ${r.rejected.length} 行。`,
        r.rejected.length ? renderTable(['行', '列', '原因'], r.rejected.map((x) => [x.row, x.column, x.message])) : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
  }),
  opCommand({
    words: ['certificates', 'pdf'],
    usage: 'certdesk certificates pdf (--session ID | --number N …) --out FILE.pdf [--stock] [--landscape] [--bilingual]',
    summary: '生成证书 PDF（每本一页）；--stock 只打印内容，用于预印证书纸套打',
    op: 'certificates.pdf',
    args: (p) => ({
      sessionId: flag(p, 'session'),
      numbers: p.lists.get('number'),
      stock: p.flags.get('stock') === true,
      orientation: orientation(p),
      bilingual: p.flags.get('bilingual') === true ? true : undefined,
      out: requireFlag(p, 'out', '输出的 PDF 文件路径'),
    }),
    print: (r: PdfOutput) => `已生成 ${r.pages} 页证书：${'path' in r ? r.path : r.name}`,
  }),
  opCommand({
    words: ['certificates', 'calibrate'],
    usage: 'certdesk certificates calibrate --out FILE.pdf [--landscape]',
    summary: '生成套打校准页：与证书纸叠放比对，求出偏移量',
    op: 'certificates.calibration',
    args: (p) => ({ out: requireFlag(p, 'out', '输出的 PDF 文件路径'), orientation: orientation(p) }),
    print: (r) => `已生成校准页：${'path' in r ? r.path : r.name}`,
  }),
  opCommand({
    words: ['certificates', 'public-key'],
    usage: 'certdesk certificates public-key [--out FILE.pem]',
    summary: '导出本机的证书核验公钥，交给需要离线核验证书的单位',
    op: 'certificates.publicKey',
    args: (p) => ({ out: flag(p, 'out') }),
    print: (k: SigningKey & { path?: string }) => (k.path ? `公钥（编号 ${k.keyId}）已保存到 ${k.path}` : `公钥编号 ${k.keyId}\n${k.publicKeyPem}`),
  }),
  runCommand({
    words: ['verify'],
    usage: 'certdesk verify TEXT [--public-key FILE.pem]',
    summary: '核验证书二维码的全部内容：是否真实、未被改动，以及证明了什么',
    // An employer checking with the evaluation body's public key has no CertDesk data: the
    // database is used when there is one, never created for a check.
    noDatabase: true,
    run: async (_ctx, p, rest) => {
      const text = rest.length ? rest.join('\n') : requireWord(rest, 0, '二维码内容');
      const publicKey = readFileFlag(p, 'public-key');
      const file = resolveDatabasePath(flag(p, 'db'));
      if (!fs.existsSync(file)) return verifyQr(null, text, publicKey);
      const db = openDataFile(file);
      try {
        return await callOp({ db, operator: cliOperator(), caller: 'cli' }, 'certificates.verify', { text, publicKey });
      } finally {
        db.close();
      }
    },
    print: (r: VerifyResult) => {
      const c = r.certifies;
      const t = r.training;
      const a = r.award;
      const body =
        c && t
          ? [`培训证明编号：${c.number}`, `姓名：${c.name}`, `${c.idType}：${c.idNumber}`, `培训项目：${t.className}  ${t.from} 至 ${t.to}  ${t.hours} 学时`, `发证日期：${c.issueDate}  培训机构：${t.organiser}`].join('\n')
          : c
            ? [`证书编号：${c.number}`, `姓名：${c.name}`, `${c.idType}：${c.idNumber}`, `职业：${c.occupation}  工种：${c.specialty}  等级：${c.levelLabel}`, `发证日期：${c.issueDate}  评价机构：${c.institution}`].join('\n')
            : a
              ? [`获奖证书编号：${a.awardNumber}`, `获奖者：${a.winner}${a.members ? `（${a.members}）` : ''}`, `竞赛：${a.competition}（${a.date}）`, `名次：第${a.rank}名  奖项：${a.prize}`, `颁奖单位：${a.awardedBy}`].join('\n')
              : '';
      return `${r.valid ? (t ? '✔ 培训证明真实有效，内容未被改动' : a ? '✔ 获奖证书真实有效，内容未被改动' : '✔ 证书真实有效，内容未被改动') : `✘ 核验未通过：${r.reason}`}${body ? `\n${body}` : ''}`;
    },
  }),
];
