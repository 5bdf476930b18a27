import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Papa from 'papaparse';
import { detectDelimiter } from './delimiter.ts';
import { needMore, RecordSplitter, type RawRecord } from './record-splitter.ts';
import { cells, readAll, tempFile } from './test-files.ts';

function split(pieces: string[]): RawRecord[] {
  const splitter = new RecordSplitter(1e9);
  splitter.setDelimiter(',');
  const out: RawRecord[] = [];
  let next = 0;
  for (;;) {
    const record = splitter.next();
    if (record === null) return out;
    if (record !== needMore) out.push(record);
    else if (next < pieces.length) splitter.feed(pieces[next++] as string);
    else splitter.end();
  }
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function messyCsv(rows: number, rand: () => number, eol = '\r\n'): string {
  const values = ['plain', '', 'with, comma', 'say "hi"', 'two\r\nlines', 'lf\nonly', '""', 'é’€', ' spaced ', 'cr\ronly'];
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  let text = `A,B,C${eol}`;
  for (let i = 0; i < rows; i += 1) {
    // The first cell is never empty: rows of empty cells are skipped, which is tested elsewhere.
    text += [`r${i}`, ...[0, 1, 2].map(() => quote(values[Math.floor(rand() * values.length)] as string))].join(',') + eol;
    if (rand() < 0.05) text += eol;
  }
  return text;
}

describe('record splitter', () => {
  it('finds the same records whatever the text is cut into', () => {
    const rand = random(7);
    const text = messyCsv(300, rand);
    const whole = split([text]);
    for (const size of [1, 2, 3, 5, 64]) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      assert.deepEqual(split(pieces), whole, `pieces of ${size}`);
    }
  });

  it('numbers lines physically, counting CRLF, LF and CR inside quotes once each', () => {
    const records = split(['H\r\n"a\r\nb\nc\rd",x\r\n\r\nnext\r\n']);
    assert.deepEqual(
      records.map((r) => [r.line, r.raw]),
      [
        [1, 'H'],
        [2, '"a\r\nb\nc\rd",x'],
        [7, 'next'],
      ],
    );
  });

  it('agrees with papaparse on the cells of a large messy file read in 64 KB chunks', async () => {
    const text = messyCsv(20_000, random(42));
    const expected = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    const t = await readAll(await tempFile('big.csv', text));
    assert.ok(Buffer.byteLength(text) > 4 * 64 * 1024);
    assert.deepEqual([t.header.cells, ...cells(t.rows)], expected);
    // raw is the exact text: all records joined back with their breaks give the file minus blank lines.
    assert.equal([t.header.raw, ...t.rows.map((r) => r.raw)].join('\r\n') + '\r\n', text.replace(/(\r\n)+/g, '\r\n'));
  });
});

describe('delimiter detection', () => {
  it('picks the most frequent delimiter outside quotes, preferring tab, then semicolon, on a tie', () => {
    assert.equal(detectDelimiter('a,b,c'), ',');
    assert.equal(detectDelimiter('a;b;c,d'), ';');
    assert.equal(detectDelimiter('"a;b;c",d'), ',');
    assert.equal(detectDelimiter('a\tb,c'), '\t');
    assert.equal(detectDelimiter('a;b,c'), ';');
    assert.equal(detectDelimiter('Email'), ',');
  });
});
