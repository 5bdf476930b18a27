import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FileReadError } from './errors.ts';
import { needMore, RecordSplitter } from './record-splitter.ts';

// One rule of RecordSplitter per test; record-splitter.test.ts checks the whole against papaparse and chunking.

/** Feeds `pieces` one at a time whenever the splitter asks for more; returns [line, raw] of each record. */
function split(pieces: string[], options: { delimiter?: string; maxRecordLength?: number } = {}): Array<[number, string]> {
  const splitter = new RecordSplitter(options.maxRecordLength ?? 1e6);
  if (options.delimiter) splitter.setDelimiter(options.delimiter);
  const out: Array<[number, string]> = [];
  let next = 0;
  for (;;) {
    const record = splitter.next();
    if (record === null) return out;
    if (record !== needMore) out.push([record.line, record.raw]);
    else if (next < pieces.length) splitter.feed(pieces[next++] as string);
    else splitter.end();
  }
}

test('a record ends at CRLF, at LF and at a lone CR alike', () => {
  assert.deepEqual(split(['a\r\nb\nc\rd']), [
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
    [4, 'd'],
  ]);
});

test('the last record needs no line break after it', () => {
  assert.deepEqual(split(['a,b\nc,d']), [
    [1, 'a,b'],
    [2, 'c,d'],
  ]);
});

test('empty lines are skipped but still counted', () => {
  assert.deepEqual(split(['a\n\n\r\n\rb\n']), [
    [1, 'a'],
    [5, 'b'],
  ]);
});

test('a line break inside quotes belongs to the field', () => {
  assert.deepEqual(split(['"two\nlines",x\nnext\n']), [
    [1, '"two\nlines",x'],
    [3, 'next'],
  ]);
});

test('a doubled quote inside quotes is a quote, not the end of the field', () => {
  assert.deepEqual(split(['"say ""hi\n""",x\nnext\n']), [
    [1, '"say ""hi\n""",x'],
    [3, 'next'],
  ]);
});

test('a quote in the middle of a field is an ordinary character', () => {
  assert.deepEqual(split(['5" screen,x\nnext\n']), [
    [1, '5" screen,x'],
    [2, 'next'],
  ]);
});

test('a CRLF cut between two chunks is one line break', () => {
  assert.deepEqual(split(['a\r', '\nb\r', '\n']), [
    [1, 'a'],
    [2, 'b'],
  ]);
});

test('a doubled quote cut between two chunks is still one quote', () => {
  assert.deepEqual(split(['"a"', '"\nb",x\nnext']), [
    [1, '"a""\nb",x'],
    [3, 'next'],
  ]);
});

test('records are flagged quoted only when they hold a quote', () => {
  const splitter = new RecordSplitter(1000);
  splitter.feed('plain,row\n"quoted",row\n');
  splitter.end();
  const flags: unknown[] = [];
  for (let record = splitter.next(); record !== null && record !== needMore; record = splitter.next()) flags.push(record.quoted);
  assert.deepEqual(flags, [false, true]);
});

test('an incomplete record waits for more text until the end is announced', () => {
  const splitter = new RecordSplitter(1000);
  splitter.feed('"open, not closed\nyet');
  assert.equal(splitter.next(), needMore);
  splitter.feed('"\n');
  const record = splitter.next();
  assert.ok(record && record !== needMore);
  assert.equal(record.raw, '"open, not closed\nyet"');
});

test('with no text left after the end, the splitter answers null', () => {
  const splitter = new RecordSplitter(1000);
  splitter.end();
  assert.equal(splitter.next(), null);
});

test('before the delimiter is known, a quote after a semicolon or a tab opens a quoted field', () => {
  assert.deepEqual(split(['a;"b\nc"\nd\ta\t"e\nf"\n']), [
    [1, 'a;"b\nc"'],
    [3, 'd\ta\t"e\nf"'],
  ]);
});

test('once the delimiter is a comma, a quote after a semicolon is an ordinary character', () => {
  assert.deepEqual(split(['a;"b\nc"\n'], { delimiter: ',' }), [
    [1, 'a;"b'],
    [2, 'c"'],
  ]);
});

test('a quote never closed fails the file once the record passes the length limit, naming its first line', () => {
  assert.throws(
    () => split(['ok\n"never closed', ' and on', ' and on', ' and on'], { maxRecordLength: 20 }),
    (error: unknown) =>
      error instanceof FileReadError &&
      error.code === 'record_too_long' &&
      /^The record starting on line 2 is longer than 20 characters/.test(error.message),
  );
});
