// The catalogue's words in the window: a level in short (五级), what an edit did, and a 申报条件
// condition as a sentence (docs/eligibility.md § Clauses and conditions).
import type { MessageKey, Translate } from '../../i18n';
import type { Condition } from '../../../../services/eligibility/evaluate';

/** 五级 first, as the standards list them. */
export const LEVELS = [5, 4, 3, 2, 1] as const;

export const shortLevel = (t: Translate, level: number) => t(`catalogue.level${level}` as MessageKey);

/** 「五级、四级」 or "Level 5, Level 4", as the window's language lists them. */
export const levelsText = (t: Translate, levels: readonly number[]) => levels.map((l) => shortLevel(t, l)).join(t('catalogue.listSeparator'));

/** What the server did: a row a session uses is retired, not removed (docs/catalogue.md). */
export function changeMessage(t: Translate, change: string, what: string): string {
  return t(`catalogue.change.${change}` as MessageKey, { what });
}

export const CONDITION_KINDS = ['certificate', 'work', 'education', 'training', 'attested'] as const;

/** 文化程度 a condition may ask for, lowest first (services/eligibility/evaluate.ts ranks them). */
export const EDUCATIONS = ['初中', '高中', '中专', '大专', '本科', '硕士', '博士'] as const;

export function describeCondition(t: Translate, c: Condition): string {
  switch (c.kind) {
    case 'certificate': {
      const base = t(c.years ? 'clause.cond.certificateYears' : 'clause.cond.certificate', { level: shortLevel(t, c.level), years: c.years });
      return c.related?.length ? `${base}${t('clause.cond.related', { codes: c.related.join('、') })}` : base;
    }
    case 'work':
      return t('clause.cond.work', { years: c.years });
    case 'education':
      return t(c.years ? 'clause.cond.educationYears' : 'clause.cond.education', { min: c.min, years: c.years ?? 0 });
    case 'training':
      return t('clause.cond.training', { level: shortLevel(t, c.level) });
    case 'attested':
      return t('clause.cond.attested', { text: c.text });
  }
}
