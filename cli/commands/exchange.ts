// The provincial platform from the command line (docs/cli.md § 省平台上报): export profiles,
// upload files with their row checks, the 上报批次 ledger and the return file.
import fs from 'node:fs';
import path from 'node:path';
import { callOp, choice, type CliCommand, flag, opCommand, requireFlag, requireWord, runCommand } from '../command';
import type { ParsedArgs } from '../args';
import { renderTable } from '../table';
import { AppError } from '../../services/errors';
import type { Profile } from '../../services/exchange/profiles';
import type { UploadProblem } from '../../services/exchange/check';
import type { Reconciliation } from '../../services/exchange/ledger';
import type { UploadResult } from '../../services/exchange/upload';

const ROWS_WORDS = { passed: '合格人员（含已发证书）', certificates: '已发证书' } as const;

function profileText(p: Profile): string {
  const lists = Object.entries(p.codes)
    .filter(([, list]) => Object.keys(list).length > 0)
    .map(([field, list]) => `  ${field}：${Object.entries(list).slice(0, 8).map(([v, c]) => `${v}=${c}`).join('，')}${Object.keys(list).length > 8 ? ` …共 ${Object.keys(list).length} 项` : ''}`);
  return [
    `${p.name}${p.builtin ? '（内置）' : ''}：每行一名${ROWS_WORDS[p.rows]}，工作表「${p.sheetName}」，表头在第 ${p.headerRow} 行，日期 ${p.dateFormat}`,
    renderTable(
      ['列', '表头', '字段', '代码', '必填'],
      p.columns.map((c, i) => [i + 1, c.header, c.field ?? '（留空）', c.coded ? '是' : '', c.required ? '是' : '']),
    ),
    ...(lists.length ? ['代码表：', ...lists] : []),
  ].join('\n');
}

function problemsText(problems: readonly UploadProblem[]): string {
  return renderTable(['行', '姓名', '证件号码', '列', '问题'], problems.map((p) => [p.row, p.name, p.idNumber, p.column, p.message]));
}

function scopeFlags(p: ParsedArgs) {
  return { sessionId: flag(p, 'session'), from: flag(p, 'from'), to: flag(p, 'to') };
}

/** A file handed back as bytes (no --out) is saved in the current folder under its own name. */
function saved(file: { path: string } | { name: string; base64: string }): string {
  if ('path' in file) return file.path;
  const out = path.resolve(file.name);
  fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
  return out;
}

const yesNo = (p: ParsedArgs, name: string) => {
  const v = choice(p, name, ['是', '否', 'yes', 'no'] as const);
  return v === undefined ? undefined : v === '是' || v === 'yes';
};

export const exchangeCommands: CliCommand[] = [
  opCommand({
    words: ['profile', 'list'],
    usage: 'certdesk profile list',
    summary: '列出交换格式（上报省平台的文件格式）',
    op: 'profiles.list',
    args: () => ({}),
    print: (list) => renderTable(['名称', '内置', '每行', '列数', '表头行', '日期格式'], list.map((p) => [p.name, p.builtin ? '是' : '', ROWS_WORDS[p.rows], p.columns.length, p.headerRow, p.dateFormat])),
  }),
  opCommand({
    words: ['profile', 'show'],
    usage: 'certdesk profile show 名称',
    summary: '查看一个交换格式的列、必填项和代码表',
    op: 'profiles.get',
    args: (_p, rest) => ({ name: requireWord(rest, 0, '交换格式名称') }),
    print: profileText,
  }),
  opCommand({
    words: ['profile', 'fields'],
    usage: 'certdesk profile fields',
    summary: '列出上报文件的列可以对应的字段（profile map 使用）',
    op: 'profiles.fields',
    args: () => ({}),
    print: (list) => renderTable(['字段', '标准表头', '也认得'], list.map((f) => [f.field, f.title, f.aliases.join('、')])),
  }),
  opCommand({
    words: ['profile', 'from-template'],
    usage: 'certdesk profile from-template 模板.xlsx --name 名称 [--date-format YYYY-MM-DD|YYYYMMDD|YYYY/M/D] [--rows passed|certificates]',
    summary: '用省平台下发的模板新建交换格式：模板的表头行就是上报文件的列，认不出的表头会列出来',
    op: 'profiles.fromTemplate',
    args: (p, rest) => ({
      file: { path: path.resolve(requireWord(rest, 0, '模板文件路径')) },
      name: requireFlag(p, 'name', '交换格式名称'),
      dateFormat: choice(p, 'date-format', ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/M/D'] as const),
      rows: choice(p, 'rows', ['passed', 'certificates'] as const),
    }),
    print: (r) =>
      [
        profileText(r.profile),
        r.unmatched.length
          ? `没有认出的表头 ${r.unmatched.length} 个（导出时留空）：${r.unmatched.map((u) => `${u.column}列「${u.header}」`).join('、')}。请用 profile map 对应到字段。`
          : '每个表头都已对应到字段。',
      ].join('\n'),
  }),
  opCommand({
    words: ['profile', 'code', 'set'],
    usage: 'certdesk profile code set 名称 --field 字段 --value 本程序的值 --code 平台代码（--code "" 删除）',
    summary: '修改交换格式的代码表，如 --field ethnicity --value 汉族 --code 01',
    op: 'profiles.setCode',
    args: (p, rest) => {
      const code = requireFlag(p, 'code', '平台代码');
      return { name: requireWord(rest, 0, '交换格式名称'), field: requireFlag(p, 'field', '字段'), value: requireFlag(p, 'value', '本程序的值'), code: code === '' ? null : code };
    },
    print: profileText,
  }),
  opCommand({
    words: ['profile', 'map'],
    usage: 'certdesk profile map 名称 --header 表头 [--field 字段|--field ""] [--coded 是|否] [--required 是|否]',
    summary: '把交换格式的一列对应到字段（--field "" 留空），并设定是否按代码表转换、是否必填',
    op: 'profiles.mapColumn',
    args: (p, rest) => {
      const field = flag(p, 'field');
      return {
        name: requireWord(rest, 0, '交换格式名称'),
        header: requireFlag(p, 'header', '表头'),
        ...(field === undefined ? {} : { field: field === '' ? null : field }),
        coded: yesNo(p, 'coded'),
        required: yesNo(p, 'required'),
      };
    },
    print: profileText,
  }),
  opCommand({
    words: ['profile', 'read-template'],
    usage: 'certdesk profile read-template 模板.xlsx',
    summary: '只读取省平台模板，不保存：找到的工作表、表头行和各列对应的字段（--json 输出可改后用 profile save 保存的定义）',
    op: 'profiles.readTemplate',
    args: (_p, rest) => ({ file: { path: path.resolve(requireWord(rest, 0, '模板文件路径')) } }),
    print: (r) =>
      [
        `工作表「${r.definition.sheetName}」，表头在第 ${r.definition.headerRow} 行`,
        renderTable(['列', '表头', '字段', '代码', '必填'], r.definition.columns.map((c, i) => [i + 1, c.header, c.field ?? '（留空）', c.coded ? '是' : '', c.required ? '是' : ''])),
        r.unmatched.length ? `没有认出的表头：${r.unmatched.map((u) => `${u.column}列「${u.header}」`).join('、')}` : '每个表头都已对应到字段。',
      ].join('\n'),
  }),
  opCommand({
    words: ['profile', 'save'],
    usage: 'certdesk profile save 名称 定义.json [--previous 原名称]',
    summary: '按 JSON 定义保存自建的交换格式（profile show --json 或 read-template --json 的输出）；--previous 同时改名',
    op: 'profiles.save',
    args: (p, rest) => {
      const file = path.resolve(requireWord(rest, 1, '定义文件路径'));
      let raw: Partial<Profile> & { definition?: Profile };
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof raw;
      } catch {
        throw new AppError('PROFILE_INVALID', `读不出定义文件 ${file}：它应是 profile show 名称 --json 输出的 JSON。`);
      }
      // Either a profile (show --json) or a template draft (read-template --json).
      const { name: _n, builtin: _b, ...definition } = (raw.definition ?? raw) as Profile;
      return { name: requireWord(rest, 0, '交换格式名称'), previousName: flag(p, 'previous'), definition };
    },
    print: profileText,
  }),
  opCommand({
    words: ['profile', 'rename'],
    usage: 'certdesk profile rename 原名称 新名称',
    summary: '给自建的交换格式改名（已用于上报批次的不能改名）',
    op: 'profiles.rename',
    args: (_p, rest) => ({ name: requireWord(rest, 0, '原名称'), newName: requireWord(rest, 1, '新名称') }),
    print: (r) => `已改名为「${r.name}」。`,
  }),
  opCommand({
    words: ['profile', 'standard-codes'],
    usage: 'certdesk profile standard-codes',
    summary: '列出新建交换格式时的标准代码表（证件类型、性别、民族、文化程度）',
    op: 'profiles.standardCodes',
    args: () => ({}),
    print: (lists) => Object.entries(lists).map(([field, list]) => `${field}：${Object.entries(list).map(([v, c]) => `${v}=${c}`).join('，')}`).join('\n'),
  }),
  opCommand({
    words: ['profile', 'delete'],
    usage: 'certdesk profile delete 名称',
    summary: '删除自建的交换格式（内置的和已用于上报批次的不能删除）',
    op: 'profiles.delete',
    args: (_p, rest) => ({ name: requireWord(rest, 0, '交换格式名称') }),
    print: (r) => `已删除交换格式「${r.deleted}」。`,
  }),
  runCommand({
    words: ['export', 'upload'],
    usage: 'certdesk export upload --profile 名称 [--session ID | --from YYYY-MM-DD --to YYYY-MM-DD] [--batch 批次号] [--out FILE] [--mark] [--check]',
    summary: '按交换格式导出上报省平台的文件并记入上报批次；先逐行检查，有问题的行默认拒绝导出（--mark 照样导出并在「校验问题」列标出；--check 只检查不导出）',
    run: async (ctx, p) => {
      const args = { profile: requireFlag(p, 'profile', '交换格式名称'), ...scopeFlags(p), batchNumber: flag(p, 'batch') };
      if (p.flags.get('check') === true) return callOp(ctx, 'upload.check', args);
      const out = flag(p, 'out');
      const r = await callOp(ctx, 'export.upload', { ...args, ...(out ? { out: path.resolve(out) } : {}), onProblem: p.flags.get('mark') === true ? 'mark' : 'refuse' });
      return { ...r, file: { path: saved(r.file) } };
    },
    print: (d: { ok: boolean; rows: number; problems: UploadProblem[] } | { file: { path: string }; batchId: number; batchNumber: string; sha256: string; rows: number; problems: UploadProblem[] }) =>
      'file' in d
        ? [
            `已导出 ${d.rows} 行：${d.file.path}`,
            `上报批次 #${d.batchId}${d.batchNumber ? `（批次号 ${d.batchNumber}）` : '（未填批次号）'}，SHA-256 ${d.sha256}`,
            d.problems.length ? `其中 ${new Set(d.problems.map((x) => x.row)).size} 行有问题，已在「校验问题」列标出：\n${problemsText(d.problems)}` : '',
          ]
            .filter(Boolean)
            .join('\n')
        : d.ok
          ? `${d.rows} 行都符合交换格式的要求，可以导出。`
          : `${d.rows} 行中有 ${new Set(d.problems.map((x) => x.row)).size} 行不符合要求：\n${problemsText(d.problems)}`,
  }),
  opCommand({
    words: ['upload', 'list'],
    usage: 'certdesk upload list',
    summary: '列出上报批次：批次号、交换格式、导出时间、行数、省平台通过和退回的行数',
    op: 'upload.batches',
    args: () => ({}),
    print: (list) =>
      list.length
        ? renderTable(
            ['编号', '批次号', '交换格式', '导出时间', '行数', '通过', '退回', '标出问题', '更正自', '回执'],
            list.map((b) => [`#${b.id}`, b.batchNumber || '（未填）', b.profileName, b.exportedAt.slice(0, 16).replace('T', ' '), b.rows, b.accepted, b.refused, b.marked, b.correctsId ? `#${b.correctsId}` : '', b.returnedAt ? '已导入' : '']),
          )
        : '还没有上报批次。用 export upload --profile 名称 --batch 批次号 导出上报文件。',
  }),
  opCommand({
    words: ['upload', 'show'],
    usage: 'certdesk upload show 批次号|#编号',
    summary: '查看一个上报批次的每一行：证书编号、省平台的审核结果和意见',
    op: 'upload.batch',
    args: (_p, rest) => ({ batch: requireWord(rest, 0, '批次号或编号') }),
    print: (b) =>
      [
        `上报批次 #${b.id}  批次号 ${b.batchNumber || '（未填）'}  交换格式「${b.profileName}」  ${b.exportedAt.slice(0, 16).replace('T', ' ')}  ${b.operator}`,
        `文件 ${b.fileName}  SHA-256 ${b.sha256}`,
        renderTable(
          ['行', '姓名', '证件号码', '证书编号', '省平台', '意见 / 平台证书编号'],
          b.rowsDetail.map((r) => [r.row, r.name, r.idNumber, r.certificateNumber ?? '', { sent: '已报送', accepted: '通过', refused: '退回' }[r.status], r.status === 'refused' ? (r.reason ?? '') : (r.returnedNumber ?? r.marked ?? '')]),
        ),
      ].join('\n'),
  }),
  opCommand({
    words: ['upload', 'reconcile'],
    usage: 'certdesk upload reconcile 批次号|#编号 回执.xlsx',
    summary: '导入省平台的回执（审核结果、审核意见、证书编号、发证日期），与上报批次逐行核对',
    op: 'upload.reconcile',
    args: (_p, rest) => ({ batch: requireWord(rest, 0, '批次号或编号'), file: { path: path.resolve(requireWord(rest, 1, '回执文件路径')) } }),
    print: (r: Reconciliation) =>
      [
        `上报批次 ${r.batchNumber || `#${r.batchId}`}：通过 ${r.accepted} 行，退回 ${r.refused.length} 行。`,
        r.refused.length ? `退回的行（改正后用 upload reexport 重报）：\n${renderTable(['回执行', '姓名', '证件号码', '省平台意见'], r.refused.map((x) => [x.row, x.name, x.idNumber, x.reason]))}` : '',
        r.numberDiffers.length ? `证书编号与本机不一致 ${r.numberDiffers.length} 行，请核对：\n${renderTable(['回执行', '姓名', '本机编号', '省平台编号'], r.numberDiffers.map((x) => [x.row, x.name, x.ours, x.theirs]))}` : '',
        r.newNumbers ? `省平台分配了 ${r.newNumbers} 个本机还没有的证书编号：可用 certificates import 导入这份回执登记。` : '',
        r.notInBatch.length ? `回执中有 ${r.notInBatch.length} 行不在本批次：${r.notInBatch.map((x) => `第${x.row}行 ${x.name}`).join('、')}` : '',
        r.unreadable.length ? `未处理 ${r.unreadable.length} 行：${r.unreadable.map((x) => `第${x.row}行 ${x.name} ${x.message}`).join('；')}` : '',
        r.missing.length ? `本批次中回执没有提到的 ${r.missing.length} 人：${r.missing.map((x) => x.name).join('、')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
  }),
  runCommand({
    words: ['upload', 'reexport'],
    usage: 'certdesk upload reexport 批次号|#编号 [--batch 新批次号] [--out FILE] [--mark]',
    summary: '把省平台退回的行按现在的考生信息重新导出（更正重报），记为新的上报批次',
    run: async (ctx, p, rest) => {
      const out = flag(p, 'out');
      const r = await callOp(ctx, 'upload.reexport', {
        batch: requireWord(rest, 0, '批次号或编号'),
        batchNumber: flag(p, 'batch'),
        ...(out ? { out: path.resolve(out) } : {}),
        onProblem: p.flags.get('mark') === true ? 'mark' : 'refuse',
      });
      return { ...r, file: { path: saved(r.file) } };
    },
    print: (d: UploadResult & { file: { path: string } }) => `已导出更正重报的 ${d.rows} 行：${d.file.path}\n上报批次 #${d.batchId}${d.batchNumber ? `（批次号 ${d.batchNumber}）` : ''}，SHA-256 ${d.sha256}`,
  }),
];
