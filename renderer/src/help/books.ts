// The help books by locale, and which topic an area shows.
import type { Locale } from '../i18n';
import { HELP_AREAS, type HelpArea, type HelpBook } from './types';
import { zhCN } from './zh-CN';
import { en } from './en';

export const HELP_BOOKS: Record<Locale, HelpBook> = { 'zh-CN': zhCN, en };

/** The area's own topic; an area without one (a page added later) falls back to the desk's. */
export function helpArea(area: string): HelpArea {
  return (HELP_AREAS as readonly string[]).includes(area) ? (area as HelpArea) : 'home';
}
