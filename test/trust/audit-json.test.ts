// The text an audit entry hashes: shapeJson (an import's fast path) must write exactly what
// canonicalJson writes, or the same change would hash differently by the path it took.
import { describe, expect, it } from 'vitest';
import { canonicalJson, shapeJson } from '../../services/audit/audit';

describe('canonical JSON of audit values', () => {
  it('is the same text whether written by shape or key by key: sorted keys, nulls kept, undefined left out, escapes, nested values', () => {
    const json = shapeJson(['name', 'id', 'employer', 'phone', 'hasPhoto', 'note', 'extra']);
    const values = [
      { name: '欧阳"娜娜"\n', id: 7, employer: null, phone: undefined, hasPhoto: false, note: '=1+1\t', extra: { b: [2, { d: 1, c: null }], a: 'x' } },
      { name: '张伟', id: 0, employer: '锦华物业', phone: '13800000000', hasPhoto: true, note: '', extra: null },
      { name: undefined, id: undefined, employer: undefined, phone: undefined, hasPhoto: undefined, note: undefined, extra: undefined },
    ];
    for (const v of values) expect(canonicalJson(json(v))).toBe(canonicalJson(v));
    expect(canonicalJson(json(values[1]!))).toBe('{"employer":"锦华物业","extra":null,"hasPhoto":true,"id":0,"name":"张伟","note":"","phone":"13800000000"}');
    expect(canonicalJson(json(values[2]!))).toBe('{}');
  });
});
