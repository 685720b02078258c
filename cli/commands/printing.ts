// certdesk session print: a session's lists as PDFs; certdesk certificates layout: where each
// certificate field lands on pre-printed stock (docs/cli.md § Printing, § Certificates).
import { flag, opCommand, requireChoice, requireFlag, requireWord, type CliCommand } from '../command';
import type { ParsedArgs } from '../args';
import { renderTable } from '../table';
import { AppError } from '../../services/errors';
import { PRINT_KINDS, type PrintOutput } from '../../services/printing/lists';
import type { StockLayoutView } from '../../services/certificates/layoutSettings';

function millimetres(p: ParsedArgs, name: string, what: string): number | undefined {
  const v = flag(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new AppError('USAGE', `--${name}（${what}）应为一个数，如 72.5；现在是「${v}」。`);
  return n;
}

function layoutTable(v: StockLayoutView): string {
  return [
    `套打版式${v.name ? `「${v.name}」` : '（未命名，与普通纸证书位置相同的项未列为已调整）'}，${v.orientation === 'landscape' ? '横版' : '竖版'}；单位：毫米，字号为磅。`,
    renderTable(
      ['项目', '代号', '距左边', '距上边', '宽度', '高度', '字号', ''],
      v.fields.map((f) => [f.label, f.key, f.x, f.y, f.w, f.h ?? '', f.size ?? '', f.moved ? '已调整' : '']),
    ),
  ].join('\n');
}

export const printingCommands: CliCommand[] = [
  opCommand({
    words: ['session', 'print'],
    usage: 'certdesk session print ID --kind admission-list|sign-in|tickets|score-sheet --out FILE.pdf',
    summary: '打印批次的准考证号名单、签到表、准考证或空白成绩登记表（PDF）',
    op: 'sessions.print',
    args: (p, rest) => ({
      sessionId: requireWord(rest, 0, '批次编号'),
      kind: requireChoice(p, 'kind', PRINT_KINDS, '要打印的名单（admission-list 准考证号名单、sign-in 签到表、tickets 准考证、score-sheet 成绩登记表）'),
      out: requireFlag(p, 'out', '输出的 PDF 文件路径'),
    }),
    print: (r: PrintOutput) => `已生成 ${r.pages} 页（${r.candidates} 名考生）：${'path' in r ? r.path : r.name}`,
  }),
  opCommand({
    words: ['certificates', 'layout', 'show'],
    usage: 'certdesk certificates layout show [--landscape]',
    summary: '查看套打版式：每一项在证书纸上的位置（毫米）',
    op: 'certificates.layout',
    args: (p) => ({ orientation: p.flags.get('landscape') === true ? 'landscape' : undefined }),
    print: layoutTable,
  }),
  opCommand({
    words: ['certificates', 'layout', 'set'],
    usage: 'certdesk certificates layout set --field 项目 (--x MM --y MM [--width MM] [--height MM] [--size 磅] | --reset) [--name 版式名称] [--landscape]',
    summary: '调整套打时某一项的位置（项目如 姓名、证件号码、照片、二维码；--reset 恢复原位）',
    op: 'certificates.setLayout',
    args: (p) => ({
      orientation: p.flags.get('landscape') === true ? ('landscape' as const) : undefined,
      name: flag(p, 'name'),
      changes: [
        {
          field: requireFlag(p, 'field', '要调整的项目，如 姓名、证件号码、照片、二维码'),
          x: millimetres(p, 'x', '距左边的毫米数'),
          y: millimetres(p, 'y', '距上边的毫米数'),
          w: millimetres(p, 'width', '宽度毫米数'),
          h: millimetres(p, 'height', '高度毫米数'),
          size: millimetres(p, 'size', '字号'),
          reset: p.flags.get('reset') === true || undefined,
        },
      ],
    }),
    print: (v: StockLayoutView) => `已保存。\n${layoutTable(v)}`,
  }),
];
