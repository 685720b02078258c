// Domain words shown in the window, in the officer's language (domain.md § Levels, § Exam parts and passing).
import { Tag } from 'antd';
import type { MessageKey, Translate } from './i18n';
import { formatRate } from '../../services/passrate/passRate';
import type { Outcome, SessionStatus } from '../../services/vocabulary/words';

export { formatRate };
export type { Outcome, SessionStatus };

export const levelLabel = (t: Translate, level: number) => t(`level.${level}` as MessageKey);
export const partLabel = (t: Translate, part: string) => t(`part.${part}` as MessageKey);
export const attemptLabel = (t: Translate, attempt: string) => t(`attempt.${attempt}` as MessageKey);

const OUTCOME_COLOURS: Record<Outcome, string> = { pass: 'success', fail: 'error', absent: 'default', pending: 'processing' };
const STATUS_COLOURS: Record<SessionStatus, string> = { draft: 'default', open: 'blue', finalized: 'green' };

export function OutcomeTag({ t, outcome }: { t: Translate; outcome: Outcome }) {
  return (
    <Tag color={OUTCOME_COLOURS[outcome]} data-outcome={outcome} style={{ marginInlineEnd: 0 }}>
      {t(`outcome.${outcome}` as MessageKey)}
    </Tag>
  );
}

export function StatusTag({ t, status }: { t: Translate; status: SessionStatus }) {
  return (
    <Tag color={STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`status.${status}` as MessageKey)}
    </Tag>
  );
}
