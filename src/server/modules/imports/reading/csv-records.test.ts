import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileReadError } from './errors.ts';
import { openTable } from './open-table.ts';
import { cells, lines, readAll, tempFile } from './test-files.ts';

const read = async (text: string, options?: { maxFieldLength?: number }) => readAll(await tempFile('f.csv', text), options);

describe('delimiters and line breaks', () => {
  it('detects semicolons', async () => {
    const t = await read('Email;First;Last\na@x.org;Ann;Lee\n');
    assert.equal(t.info.delimiter, ';');
    assert.deepEqual(cells(t.rows), [['a@x.org', 'Ann', 'Lee']]);
  });

  it('detects tabs, and ignores delimiters inside quoted header names', async () => {
    const t = await read('"Last, First"\tEmail\tRole\n"Lee, Ann"\ta@x.org\tlearner\n');
    assert.equal(t.info.delimiter, '\t');
    assert.deepEqual(t.header.cells, ['Last, First', 'Email', 'Role']);
    assert.deepEqual(cells(t.rows), [['Lee, Ann', 'a@x.org', 'learner']]);
  });

  it('does not count commas inside a quoted header name when choosing between comma and semicolon', async () => {
    const t = await read('"Name, full";Email\nAnn;a@x.org\n');
    assert.equal(t.info.delimiter, ';');
  });

  it("follows Excel's sep= hint line and keeps physical line numbers", async () => {
    const t = await read('sep=;\r\nEmail;Name\r\na@x.org;Ann, B\r\n');
    assert.equal(t.info.delimiter, ';');
    assert.equal(t.header.line, 2);
    assert.deepEqual(
      t.rows.map((r) => [r.line, r.cells]),
      [[3, ['a@x.org', 'Ann, B']]],
    );
  });

  it('reads CRLF, LF and lone CR line breaks, even mixed', async () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const t = await read(`A,B${eol}1,2${eol}3,4${eol}`);
      assert.deepEqual(
        cells(t.rows),
        [
          ['1', '2'],
          ['3', '4'],
        ],
        JSON.stringify(eol),
      );
      assert.deepEqual(lines(t.rows), [2, 3]);
      assert.equal(t.rows[0]?.raw, '1,2');
    }
    const mixed = await read('A,B\r\n1,2\n3,4\r5,6');
    assert.deepEqual(cells(mixed.rows), [
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    assert.deepEqual(lines(mixed.rows), [2, 3, 4]);
  });

  it('reads a last record without a final line break', async () => {
    const t = await read('A,B\n1,2');
    assert.deepEqual(cells(t.rows), [['1', '2']]);
  });
});

describe('quoted fields', () => {
  it('keeps commas, doubled quotes and line breaks inside quotes', async () => {
    const t = await read('Email,Note\r\na@x.org,"one, two"\r\nb@x.org,"say ""hi"""\r\nc@x.org,"line 1\r\nline 2"\r\n');
    assert.deepEqual(cells(t.rows), [
      ['a@x.org', 'one, two'],
      ['b@x.org', 'say "hi"'],
      ['c@x.org', 'line 1\r\nline 2'],
    ]);
    assert.equal(t.rows[2]?.raw, 'c@x.org,"line 1\r\nline 2"');
  });

  it('counts every line of a record spanning three lines in the next record’s line number', async () => {
    const t = await read('Email,Note\na@x.org,"first\nsecond\nthird"\nb@x.org,plain\n');
    assert.deepEqual(lines(t.rows), [2, 5]);
    assert.equal(t.rows[0]?.raw, 'a@x.org,"first\nsecond\nthird"');
  });

  it('treats a quote inside an unquoted value as text', async () => {
    const t = await read('Item,Size\nmonitor,27" wide\n');
    assert.deepEqual(cells(t.rows), [['monitor', '27" wide']]);
  });

  it('fails with the starting line when a quote is never closed and the record grows past the limit', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `u${i}@x.org,Name${i}`).join('\n');
    const error = await read(`Email,Name\na@x.org,"never closed\n${body}\n`, { maxFieldLength: 10_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error instanceof FileReadError);
    assert.equal(error.code, 'record_too_long');
    assert.match(error.message, /line 2/);
  });

  it('returns the rest of a small file as one value when a quote is never closed', async () => {
    const t = await read('Email,Name\na@x.org,"open\nb@x.org,Bob\n');
    assert.equal(t.rows.length, 1);
    assert.equal(t.rows[0]?.cells[0], 'a@x.org');
  });
});

describe('blank lines and line numbers', () => {
  it('skips blank lines between records and at the end but counts them', async () => {
    const t = await read('\n\nEmail,Name\n\na@x.org,Ann\n\n\nb@x.org,Bob\n\n\n');
    assert.equal(t.header.line, 3);
    assert.deepEqual(lines(t.rows), [5, 8]);
  });

  it("skips rows of empty cells (Excel's trailing ,,,,) and whitespace-only lines", async () => {
    const t = await read('Email,Name\r\na@x.org,Ann\r\n,\r\n  \r\n,,,,\r\nb@x.org,Bob\r\n,\r\n');
    assert.deepEqual(lines(t.rows), [2, 6]);
  });

  it('returns rows with too many or too few fields as they are', async () => {
    const t = await read('A,B,C\n1,2\n1,2,3,4\n');
    assert.deepEqual(cells(t.rows), [
      ['1', '2'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('keeps values untrimmed', async () => {
    const t = await read('A,B\n  x , y\t\n');
    assert.deepEqual(cells(t.rows), [['  x ', ' y\t']]);
  });

  it('reads a 20,000-character field, quoted or not', async () => {
    const long = 'x'.repeat(20_000);
    const t = await read(`A,B\n1,${long}\n2,"${long}, with a comma"\n3,short\n`);
    assert.equal(t.rows[0]?.cells[1]?.length, 20_000);
    assert.equal(t.rows[1]?.cells[1], `${long}, with a comma`);
    assert.deepEqual(lines(t.rows), [2, 3, 4]);
  });
});

describe('header only and empty files', () => {
  it('returns the header and no rows, flagged by hasRows', async () => {
    const t = await read('Email,FirstName,LastName\r\n\r\n');
    assert.deepEqual(t.header.cells, ['Email', 'FirstName', 'LastName']);
    assert.equal(t.hasRows, false);
    assert.deepEqual(t.rows, []);
  });

  for (const [what, content] of [
    ['an empty file', ''],
    ['a file of blank lines', '\r\n\n  \n'],
    ['a UTF-8 BOM alone', '\ufeff'],
  ] as const) {
    it(`rejects ${what} as empty_file`, async () => {
      await assert.rejects(read(content), (e: unknown) => e instanceof FileReadError && e.code === 'empty_file');
    });
  }
});

describe('stopping early', () => {
  it('releases the file when the caller stops iterating, and close() may be called again', async () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `u${i}@x.org,N${i}`).join('\n');
    const table = await openTable(await tempFile('f.csv', `Email,Name\n${body}\n`));
    for await (const row of table.rows) {
      assert.equal(row.line, 2);
      break;
    }
    await table.close();
    await table.close();
  });
});
