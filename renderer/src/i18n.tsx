// Every visible string comes from locales/zh-CN.json or en.json, except the domain's words
// (levels, parts, attempts, outcomes, session states, 缺考/违纪), which come from the one
// vocabulary the services use (services/vocabulary/words.ts). Chinese is the default.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import * as words from '../../services/vocabulary/words';

export type Locale = 'zh-CN' | 'en';

function domainMessages(english: boolean) {
  const prefixed = <K extends string, P extends string>(prefix: P, labels: Readonly<Record<K, string>>) =>
    Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${prefix}.${k}`, v])) as Record<`${P}.${K}`, string>;
  return {
    ...prefixed('level', english ? words.LEVEL_LABELS_EN : words.LEVEL_LABELS),
    ...prefixed('part', english ? words.PART_LABELS_EN : words.PART_LABELS),
    ...prefixed('attempt', english ? words.ATTEMPT_LABELS_EN : words.ATTEMPT_LABELS),
    ...prefixed('outcome', english ? words.OUTCOME_LABELS_EN : words.OUTCOME_LABELS),
    ...prefixed('status', english ? words.SESSION_STATUS_LABELS_EN : words.SESSION_STATUS_LABELS),
    ...prefixed('word', english ? words.STATUS_WORDS_EN : words.STATUS_WORDS),
  };
}

const zhTable = { ...zhCN, ...domainMessages(false) };
export type MessageKey = keyof typeof zhTable;

const TABLES: Record<Locale, Record<string, string>> = { 'zh-CN': zhTable, en: { ...en, ...domainMessages(true) } };
const STORAGE_KEY = 'certdesk.locale';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = TABLES[locale][key] ?? zhTable[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this window only */
    }
    document.documentElement.lang = l;
  }, []);
  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
