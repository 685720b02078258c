// The one vocabulary (services/vocabulary): every reader — the score-sheet import, the command
// line, the audit history, the window — takes the same words and tidies text the same way.
import { describe, expect, it } from 'vitest';
import { SCORE_FIELDS } from '../../services/spreadsheets/fields';
import { HeaderMatcher } from '../../services/spreadsheets/headers';
import { ATTEMPT_LABELS, LEVEL_LABELS, LEVELS, parseAttempt, parsePart, PARTS, PART_LABELS, requirePart } from '../../services/vocabulary/words';
import { columnLetter, columnNumber, compactText, displayWidth, tidyText, toHalfWidth } from '../../services/vocabulary/text';

describe('the words for the exam parts', () => {
  it('accepts as --part every header the score-sheet import accepts for a part, and the reverse', () => {
    const matcher = new HeaderMatcher(SCORE_FIELDS);
    for (const spec of SCORE_FIELDS.filter((f) => (PARTS as readonly string[]).includes(f.field))) {
      for (const word of [spec.title, ...(spec.aliases ?? [])]) {
        expect(parsePart(word), word).toBe(spec.field);
        expect(matcher.match(word), word).toBe(spec.field);
      }
    }
    for (const word of ['笔试', '笔试成绩', '理论知识成绩', '实操', '实操成绩', '操作技能成绩']) expect(matcher.match(word), word).toBe(parsePart(word));
  });

  it('reads a part however it is typed: spaces, full-width letters, English in any case', () => {
    expect(parsePart(' 理论 知识 ')).toBe('theory');
    expect(parsePart('ＳＫＩＬＬ')).toBe('skill');
    expect(parsePart('Review')).toBe('review');
    expect(parsePart('口试')).toBeNull();
    expect(() => requirePart('口试')).toThrow(/科目「口试」无法识别/);
    expect(PARTS.map((p) => PART_LABELS[p])).toEqual(['理论知识', '操作技能', '综合评审', '工作业绩']);
  });

  it('writes each level in the two-part form of docs/domain.md § Levels', () => {
    expect(LEVELS.map((l) => LEVEL_LABELS[l])).toEqual(['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师']);
  });

  it('reads 正考 and 补考, nothing as a first attempt, and refuses any other word', () => {
    expect(parseAttempt('补考')).toBe('retake');
    expect(parseAttempt(' 正考 ')).toBe('first');
    expect(parseAttempt('')).toBe('first');
    expect(parseAttempt('Retake')).toBe('retake');
    expect(() => parseAttempt('重考')).toThrow(`请填写「${ATTEMPT_LABELS.first}」或「${ATTEMPT_LABELS.retake}」`);
  });
});

describe('tidying text', () => {
  it('turns full-width letters, digits and signs half-width, and leaves Chinese alone', () => {
    expect(toHalfWidth('４４０１０６１９９００３１５００３Ｘ')).toBe('44010619900315003X');
    expect(toHalfWidth('２０２４－０６－１５，张伟')).toBe('2024-06-15,张伟');
    expect(tidyText('\u3000张\u3000伟\t ')).toBe('张 伟');
    expect(compactText(' ８５．５ 分\u3000')).toBe('85.5分');
  });

  it('counts a Chinese character as two columns', () => {
    expect(displayWidth('合格率 84%')).toBe(10);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2);
  });

  it('names columns as Excel does, both ways', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    for (const i of [0, 25, 26, 701, 702, 16383]) expect(columnNumber(`${columnLetter(i)}12`)).toBe(i + 1);
  });
});
