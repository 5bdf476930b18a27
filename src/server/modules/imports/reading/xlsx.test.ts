import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { FileReadError } from './errors.ts';
import { bareWorkbook } from '../../../../../test/support/bare-workbook.ts';
import { cells, readAll, tempFile } from './test-files.ts';
import { cellText, isDateFormat, numberText } from './xlsx-cell-text.ts';

async function workbookFile(name: string, build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<string> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Accounts'), book);
  return tempFile(name, Buffer.from(await book.xlsx.writeBuffer()));
}

describe('XLSX', () => {
  it('reads the first worksheet: dates as YYYY-MM-DD, numbers without float noise, empty cells kept', async () => {
    const path = await workbookFile('accounts.xlsx', (sheet, book) => {
      sheet.addRow(['Email', 'DateHire', 'Score', 'Note', 'UserID']);
      sheet.addRow(['ann@x.org', new Date(Date.UTC(2024, 1, 29)), 0.1 + 0.2, null, 12345678901]);
      sheet.getCell('B2').numFmt = 'm/d/yyyy';
      sheet.addRow(['bob@x.org', new Date(Date.UTC(1999, 11, 31)), 42, 'note', 7]);
      sheet.getCell('B3').numFmt = 'dd-mmm-yy';
      book.addWorksheet('Other').addRow(['not', 'read']);
    });
    const t = await readAll(path);
    assert.deepEqual(t.info, { format: 'xlsx', encoding: 'xlsx', delimiter: null, repairedBytes: 0 });
    assert.deepEqual(t.header, {
      line: 1,
      cells: ['Email', 'DateHire', 'Score', 'Note', 'UserID'],
      raw: 'Email,DateHire,Score,Note,UserID',
    });
    assert.deepEqual(t.rows, [
      { line: 2, cells: ['ann@x.org', '2024-02-29', '0.3', '', '12345678901'], raw: 'ann@x.org,2024-02-29,0.3,,12345678901' },
      { line: 3, cells: ['bob@x.org', '1999-12-31', '42', 'note', '7'], raw: 'bob@x.org,1999-12-31,42,note,7' },
    ]);
  });

  it('flattens rich text, shows formula results, hyperlink text and booleans, and quotes raw cells as CSV', async () => {
    const path = await workbookFile('a.xlsx', (sheet) => {
      sheet.addRow(['Email', 'Name', 'Total', 'Site', 'Flag']);
      sheet.addRow([
        'ann@x.org',
        { richText: [{ text: 'Ann ' }, { font: { bold: true }, text: 'Lee, Jr.' }] },
        { formula: '1+1', result: 2 },
        { text: 'Home "page"', hyperlink: 'https://x.org' },
        true,
      ]);
    });
    const t = await readAll(path);
    assert.deepEqual(t.rows[0]?.cells, ['ann@x.org', 'Ann Lee, Jr.', '2', 'Home "page"', 'TRUE']);
    assert.equal(t.rows[0]?.raw, 'ann@x.org,"Ann Lee, Jr.",2,"Home ""page""",TRUE');
  });

  it('reads a workbook whose worksheet comes before the workbook part in the archive', async () => {
    const path = await tempFile(
      'late.xlsx',
      bareWorkbook(
        [
          ['Email', 'First'],
          ['ann@x.org', 'Ann'],
        ],
        { workbookPartLast: true },
      ),
    );
    const t = await readAll(path);
    assert.deepEqual(t.header.cells, ['Email', 'First']);
    assert.deepEqual(cells(t.rows), [['ann@x.org', 'Ann']]);
  });

  it('numbers rows by sheet row, skips empty rows and pads short rows to the header width', async () => {
    const path = await workbookFile('a.xlsx', (sheet) => {
      sheet.getRow(2).values = ['Email', 'First', 'Last'];
      sheet.getCell('E2').style = { font: { bold: true } }; // formatting beyond the last column
      sheet.getRow(3).values = ['a@x.org', 'Ann', 'Lee'];
      sheet.getRow(6).values = ['b@x.org'];
      sheet.getRow(7).values = ['', ' '];
      sheet.getRow(8).values = ['c@x.org', 'Cy', 'Ng', 'extra'];
    });
    const t = await readAll(path);
    assert.equal(t.header.line, 2);
    assert.deepEqual(t.header.cells, ['Email', 'First', 'Last']);
    assert.deepEqual(
      t.rows.map((r) => [r.line, r.cells]),
      [
        [3, ['a@x.org', 'Ann', 'Lee']],
        [6, ['b@x.org', '', '']],
        [8, ['c@x.org', 'Cy', 'Ng', 'extra']],
      ],
    );
  });

  it('is recognised by its content even when named .csv', async () => {
    const path = await workbookFile('accounts.csv', (sheet) => {
      sheet.addRow(['Email']);
      sheet.addRow(['a@x.org']);
    });
    const t = await readAll(path, { fileName: 'accounts.csv' });
    assert.equal(t.info.format, 'xlsx');
    assert.deepEqual(t.rows[0]?.cells, ['a@x.org']);
  });

  it('returns a header-only sheet with hasRows false, and rejects an empty sheet', async () => {
    const headerOnly = await readAll(await workbookFile('a.xlsx', (sheet) => void sheet.addRow(['Email', 'First', 'Last'])));
    assert.equal(headerOnly.hasRows, false);
    assert.deepEqual(headerOnly.rows, []);
    await assert.rejects(
      readAll(await workbookFile('b.xlsx', () => undefined)),
      (e: unknown) => e instanceof FileReadError && e.code === 'empty_file',
    );
  });
});

describe('XLSX bounds', () => {
  const tooLarge = (limit: string) => (e: unknown) =>
    e instanceof FileReadError && e.code === 'workbook_too_large' && (e.details as { limit?: string }).limit === limit;
  // A small stand-in for a hostile workbook: the limits are lowered instead of generating gigabytes.
  const manyStrings = () =>
    workbookFile('wide.xlsx', (sheet) => {
      sheet.addRow(['Email', 'First', 'Last']);
      for (let i = 0; i < 40; i++) sheet.addRow([`user${i}@x.org`, `First${i}`, `Last${i}`.repeat(20)]);
    });

  it('refuses a workbook with more shared strings than allowed, saying which limit and what to do', async () => {
    const path = await manyStrings();
    await assert.rejects(readAll(path, { workbookLimits: { maxSharedStrings: 50 } }), (e: unknown) => {
      assert.ok(tooLarge('maxSharedStrings')(e));
      assert.match((e as Error).message, /more than 50 different text values.*Split it into smaller files/);
      return true;
    });
  });

  it('refuses a workbook whose shared strings add up to too many characters', async () => {
    const path = await manyStrings();
    await assert.rejects(readAll(path, { workbookLimits: { maxSharedStringChars: 2_000 } }), tooLarge('maxSharedStringChars'));
  });

  it('refuses a row with more cells than allowed, naming the row', async () => {
    const path = await workbookFile('cols.xlsx', (sheet) => {
      sheet.addRow(['Email', 'First', 'Last']);
      sheet.addRow(['a@x.org', 'Ann', 'Lee']);
      sheet.getRow(3).getCell(500).value = 'far away';
    });
    await assert.rejects(readAll(path, { workbookLimits: { maxColumns: 100 } }), (e: unknown) => {
      assert.ok(tooLarge('maxColumns')(e));
      assert.match((e as Error).message, /^Row 3 of the first worksheet has more than 100 cells/);
      return true;
    });
  });

  it('refuses a sheet with more cells than allowed while streaming its rows', async () => {
    const path = await manyStrings();
    await assert.rejects(readAll(path, { workbookLimits: { maxCells: 60 } }), tooLarge('maxCells'));
  });

  it('reads a workbook that stays within the limits, rich text included', async () => {
    const path = await workbookFile('ok.xlsx', (sheet) => {
      sheet.addRow(['Email', 'Name']);
      sheet.addRow(['a@x.org', { richText: [{ text: 'Ann ' }, { font: { bold: true }, text: 'Lee' }] }]);
      sheet.addRow(['b@x.org', 'Bob']);
    });
    const t = await readAll(path, { workbookLimits: { maxSharedStrings: 6, maxSharedStringChars: 40, maxColumns: 2, maxCells: 6 } });
    assert.deepEqual(
      t.rows.map((r) => r.cells),
      [
        ['a@x.org', 'Ann Lee'],
        ['b@x.org', 'Bob'],
      ],
    );
  });
});

describe('XLSX cell text', () => {
  it('writes numbers as Excel shows them', () => {
    assert.equal(numberText(0.1 + 0.2), '0.3');
    assert.equal(numberText(1234567.891), '1234567.891');
    assert.equal(numberText(-0), '0');
    assert.equal(numberText(1e21), '1000000000000000000000');
    assert.equal(numberText(0.000001), '0.000001');
  });

  it('keeps a time of day only when there is one', () => {
    assert.equal(cellText(new Date(Date.UTC(2024, 0, 5))), '2024-01-05');
    assert.equal(cellText(new Date(Date.UTC(2024, 0, 5, 13, 30))), '2024-01-05 13:30');
  });

  it('reads a date-formatted formula result as a date', () => {
    assert.equal(cellText({ formula: 'TODAY()', result: 45292 }, 'yyyy-mm-dd'), '2024-01-01');
    assert.equal(isDateFormat('[Red]0.00'), false);
    assert.equal(isDateFormat('0.00 "days"'), false);
    assert.equal(isDateFormat('General'), false);
  });
});
