// The shape of the in-app 使用说明: one short topic per area of the window, in each language.

/** The areas of the window (App.tsx's areas, plus the first-run welcome). */
export const HELP_AREAS = ['home', 'candidates', 'sessions', 'results', 'certificates', 'reports', 'training', 'competitions', 'members', 'settings', 'welcome'] as const;
export type HelpArea = (typeof HELP_AREAS)[number];

export interface HelpTopic {
  title: string;
  /** One or two sentences: what this page is for. */
  summary: string;
  sections: { heading: string; items: string[] }[];
}

export interface HelpBook {
  ui: { title: string; shortcuts: string; otherTopics: string; manual: string };
  /** Keys and what they do, on every page. */
  shortcuts: { keys: string; does: string }[];
  topics: Record<HelpArea, HelpTopic>;
}
