import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRows, unpackInto } from './packed-rows.ts';

describe('packRows / unpackInto', () => {
  it('gives back every row as it was: strings, numbers (−0, fractions, large), nulls', () => {
    const cell = fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.constant(null), fc.integer());
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((w) => fc.tuple(fc.constant(w), fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 40 }))), ([width, rows]) => {
        const packed = packRows(rows, width);
        const out: unknown[] = [];
        unpackInto(packed, 0, rows.length, out);
        expect(out).toEqual(rows.flat());
        // A slice of rows, as the worker takes one statement's worth.
        if (rows.length > 2) {
          const part: unknown[] = [];
          unpackInto(packed, 1, 2, part);
          expect(part).toEqual(rows[1]);
        }
      }),
    );
  });

  it('sends each distinct string once and refuses what it cannot carry', () => {
    const packed = packRows([['W1.01', '370302', 2024, null], ['W1.01', '370303', 2024, 81.5]], 4);
    expect(packed.strings).toEqual(['W1.01', '370302', '370303']);
    expect(() => packRows([[true]], 1)).toThrow(/unsupported/);
    expect(() => packRows([[1, 2]], 3)).toThrow(/expected 3/);
  });
});
