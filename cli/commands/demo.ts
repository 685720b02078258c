// certdesk demo: fill a database with a demo association's data, look at it, take it out again.
import { type CliCommand, flag, opCommand, runCommand } from '../command';
import { AppError } from '../../services/errors';
import { loadDemo, type DemoSummary } from '../../services/demo/generate';
import type { DemoRemoval, DemoStatus } from '../../services/demo/remove';
import type { DemoSize } from '../../services/demo/plans';

function parseSize(raw: string | undefined): DemoSize {
  const size = raw ?? 'small';
  if (size !== 'small' && size !== 'large') throw new AppError('USAGE', `--size 只能是 small（几个批次，供熟悉软件）或 large（十年数据，供性能测试），现在是「${size}」。`);
  return size;
}

export const demoCommands: CliCommand[] = [
  runCommand({
    words: ['demo'],
    usage: 'certdesk demo [--size small|large] --db FILE',
    summary: '载入示例数据（small：几个批次，供熟悉软件；large：十年 10 万考生、100 万条成绩，供性能测试）',
    run: (ctx, p) => {
      const size = parseSize(flag(p, 'size'));
      const started = Date.now();
      return loadDemo(ctx, size, {
        onProgress: (pr) => {
          if (size === 'large') process.stderr.write(`\r已生成 ${pr.done.toLocaleString()} / ${(pr.total ?? 0).toLocaleString()} 条成绩（${Math.round((Date.now() - started) / 1000)} 秒）`);
        },
      });
    },
    print: (s: DemoSummary) =>
      `${s.size === 'large' ? '\n' : ''}已载入示例数据（${s.size}）：${s.sessions} 个批次、${s.candidates} 名考生、${s.employers} 家单位、${s.enrolments} 人次报名、${s.partResults} 条成绩、${s.certificates} 张证书。\n` +
      `示例数据与您自己的数据分开记录，用 certdesk demo remove 可一次删除。`,
  }),
  opCommand({
    words: ['demo', 'status'],
    usage: 'certdesk demo status',
    summary: '查看数据文件里是否有示例数据',
    op: 'demo.status',
    args: () => ({}),
    print: (s: DemoStatus) => (s.loaded ? `有示例数据（${s.size}，${s.loadedAt} 载入）：${s.sessions} 个批次、${s.candidates} 名考生。` : '没有示例数据。'),
  }),
  opCommand({
    words: ['demo', 'remove'],
    usage: 'certdesk demo remove',
    summary: '删除示例数据（不影响您自己录入的数据）',
    op: 'demo.remove',
    args: () => ({}),
    print: (r: DemoRemoval) =>
      `已删除示例数据：${r.sessions} 个批次、${r.enrolments} 人次报名、${r.partResults} 条成绩、${r.certificates} 张证书、${r.candidates} 名考生、${r.employers} 家单位。` +
      (r.keptInUse ? `\n有 ${r.keptInUse} 条示例考生或单位已被您自己的记录使用，予以保留。` : ''),
  }),
];
