// certdesk session print: a session's lists as PDFs (docs/cli.md § Printing).
import { opCommand, requireChoice, requireFlag, requireWord, type CliCommand } from '../command';
import { PRINT_KINDS, type PrintOutput } from '../../services/printing/lists';

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
];
