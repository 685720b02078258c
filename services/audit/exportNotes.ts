// What an export of a session's results says about the audit trail: every administrator's
// correction after finalizing, and the head hash, which can be noted on paper so that a rewrite of
// the whole file shows (docs/cli.md § Operators, the audit trail and backups). Lines start with
// 备注 so that the score-sheet import treats them as the sheet's footer.
import type { Ctx } from '../shared/context';
import { sessionCorrections } from './history';
import { auditHead } from './verify';
import { PART_LABELS, type Part } from '../vocabulary/words';

function resultText(v: unknown): string {
  const r = v as { status?: string; score?: number | null } | null;
  if (!r) return '（空）';
  return r.status === 'scored' ? String(r.score) : r.status === 'absent' ? '缺考' : r.status === 'misconduct' ? '违纪' : '（空）';
}

export function auditNotes(ctx: Ctx, sessionId: number): string[] {
  const names = ctx.db.prepare('SELECT c.name FROM enrolments e JOIN candidates c ON c.id = e.candidate_id WHERE e.id = ?');
  const corrections = sessionCorrections(ctx, sessionId).map((c) => {
    const [enrolmentId, part] = c.entityId.split(':');
    const who = (names.get(Number(enrolmentId)) as { name: string } | undefined)?.name ?? `报名 ${enrolmentId}`;
    return `备注：定稿后更正 ${who} ${PART_LABELS[part as Part] ?? part} ${resultText(c.oldValue)} → ${resultText(c.newValue)}，${c.operatorName ?? c.operator} ${c.at.slice(0, 10)}，原因：${c.reason ?? ''}`;
  });
  const head = auditHead(ctx);
  return [...corrections, `备注：操作记录头哈希 ${head.hash}（第 ${head.seq} 条）`];
}
