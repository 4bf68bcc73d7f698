/**
 * Rows of plain values (string, number, null) packed into two typed arrays and a string table, to hand a
 * batch of rows to a worker thread without the structured clone of every cell: the arrays move (transfer), the
 * strings of a batch repeat (codes, cell words, notes) and go once each.
 */
export interface PackedRows {
  width: number;
  count: number;
  /** Per cell, row by row: 0 null, 1 number (in `numbers`), 2 string (its index in `strings`, in `numbers`). */
  kinds: Uint8Array<ArrayBuffer>;
  numbers: Float64Array<ArrayBuffer>;
  strings: string[];
}

const NULL = 0;
const NUMBER = 1;
const STRING = 2;

export function packRows(rows: readonly (readonly unknown[])[], width: number): PackedRows {
  const cells = rows.length * width;
  const kinds = new Uint8Array(cells);
  const numbers = new Float64Array(cells);
  const strings: string[] = [];
  const index = new Map<string, number>();
  let i = 0;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`packRows: a row has ${row.length} cells, expected ${width}`);
    for (let c = 0; c < width; c++, i++) {
      const x = row[c];
      if (x === null || x === undefined) kinds[i] = NULL;
      else if (typeof x === 'number') {
        kinds[i] = NUMBER;
        numbers[i] = x;
      } else if (typeof x === 'string') {
        let at = index.get(x);
        if (at === undefined) {
          index.set(x, (at = strings.length));
          strings.push(x);
        }
        kinds[i] = STRING;
        numbers[i] = at;
      } else throw new Error(`packRows: unsupported cell type ${typeof x}`);
    }
  }
  return { width, count: rows.length, kinds, numbers, strings };
}

/** The cells of rows [from, to) appended to `out` (row-major), as packRows received them (undefined as null). */
export function unpackInto(packed: PackedRows, from: number, to: number, out: unknown[]): void {
  const { kinds, numbers, strings, width } = packed;
  for (let i = from * width, end = to * width; i < end; i++) {
    const kind = kinds[i];
    out.push(kind === NUMBER ? numbers[i] : kind === STRING ? strings[numbers[i] as number] : null);
  }
}
