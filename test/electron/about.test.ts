// 关于 names the version, the runtime, and the fonts and libraries shipped, grouped by licence.
import { describe, expect, it } from 'vitest';
import { aboutDetail } from '../../electron/about';

describe('the 关于 dialog', () => {
  it('lists the version, the bundled fonts and the libraries by licence, most common first', () => {
    const text = aboutDetail({
      version: '0.1.0',
      versions: { electron: '39.8.10', chrome: '142.0', node: '22.20.0' },
      licences: {
        fonts: ['NotoSerifSC-Regular.otf'],
        libraries: [
          { name: 'better-sqlite3', version: '12.0.0', license: 'MIT' },
          { name: 'exceljs', version: '4.4.0', license: 'MIT' },
          { name: 'jszip', version: '3.10.1', license: '(MIT OR GPL-3.0-or-later)' },
        ],
      },
    });
    expect(text).toContain('版本 0.1.0');
    expect(text).toContain('Electron 39.8.10');
    expect(text).toContain('随附字体：NotoSerifSC-Regular.otf');
    expect(text).toContain('随附程序库 3 个');
    expect(text.indexOf('MIT（2）：better-sqlite3、exceljs')).toBeLessThan(text.indexOf('(MIT OR GPL-3.0-or-later)（1）：jszip'));
  });

  it('says how to produce the licence list when the build did not include it', () => {
    const text = aboutDetail({ version: '0.1.0', versions: {}, licences: null });
    expect(text).toContain('npm run build:electron');
  });
});
