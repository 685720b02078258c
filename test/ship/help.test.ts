// The in-app 使用说明 (F1): a page for every area of the window, in Chinese and English alike.
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
import { HELP_AREAS } from '../../renderer/src/help/types';
import { HELP_BOOKS, helpArea } from '../../renderer/src/help/books';
import { HelpArticle } from '../../renderer/src/help/HelpArticle';

describe('the 使用说明 pages', () => {
  it('cover every area in the window’s sidebar', () => {
    const app = fs.readFileSync(path.join(ROOT, 'renderer/src/App.tsx'), 'utf8');
    const areas = [...app.matchAll(/\{ area: '(\w+)'/g)].map((m) => m[1]);
    expect(areas.length).toBeGreaterThanOrEqual(7);
    for (const area of areas) expect(HELP_AREAS).toContain(area);
  });

  it('say the same things in English as in Chinese: the same sections and the same number of points', () => {
    for (const area of HELP_AREAS) {
      const zh = HELP_BOOKS['zh-CN'].topics[area];
      const en = HELP_BOOKS.en.topics[area];
      expect(en.sections.map((s) => s.items.length), area).toEqual(zh.sections.map((s) => s.items.length));
    }
    expect(HELP_BOOKS.en.shortcuts.map((s) => s.keys)).toEqual(HELP_BOOKS['zh-CN'].shortcuts.map((s) => s.keys));
  });

  it('shows the results page with the keys for 缺考 and 违纪 when F1 is pressed while keying in scores', () => {
    const html = renderToStaticMarkup(createElement(HelpArticle, { book: HELP_BOOKS['zh-CN'], area: 'results' }));
    expect(html).toContain('<h3>成绩录入</h3>');
    expect(html).toContain('缺考按 Q，违纪按 W');
    expect(html).toContain('<kbd>F1</kbd>');
    // The other areas are there too, folded away.
    expect(html.match(/<details>/g)).toHaveLength(HELP_AREAS.length - 1);
  });

  it('explains the pass-rate formula the way domain.md defines it', () => {
    const html = renderToStaticMarkup(createElement(HelpArticle, { book: HELP_BOOKS['zh-CN'], area: 'home' }));
    expect(html).toContain('实考人数 = 报名人数 − 缺考人数');
    expect(html).toContain('合格率 = 合格人数 ÷ 实考人数');
  });

  it('falls back to the desk’s page for an area that has no page of its own yet', () => {
    expect(helpArea('session-archive')).toBe('home');
    expect(helpArea('certificates')).toBe('certificates');
  });
});
