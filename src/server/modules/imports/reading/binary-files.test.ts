import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { FileReadError, type FileReadErrorCode } from './errors.ts';
import { readAll, tempFile } from './test-files.ts';

const rejectsWith = (code: FileReadErrorCode, pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof FileReadError, String(e));
  assert.equal(e.code, code);
  assert.match(e.message, pattern);
  return true;
};

describe('files that are not spreadsheets', () => {
  it('rejects a text file with NUL bytes as binary_file', async () => {
    const path = await tempFile('a.csv', Buffer.concat([Buffer.from('Email,Name\n'), Buffer.from([0, 1, 2, 0, 0, 3]), Buffer.from('x\n')]));
    await assert.rejects(readAll(path), rejectsWith('binary_file', /binary data/));
  });

  it('rejects random bytes as binary_file', async () => {
    await assert.rejects(readAll(await tempFile('a.csv', randomBytes(4096))), rejectsWith('binary_file', /CSV file or an Excel workbook/));
  });

  it('names a PDF and an image, whatever the file is called', async () => {
    await assert.rejects(readAll(await tempFile('a.csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))), rejectsWith('binary_file', /PDF/));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100)]);
    await assert.rejects(readAll(await tempFile('a.csv', png)), rejectsWith('binary_file', /PNG image/));
  });

  it('asks for .xlsx or CSV when given an old .xls workbook', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await assert.rejects(
      readAll(await tempFile('accounts.xls', ole), { fileName: 'accounts.xls' }),
      rejectsWith('unsupported_format', /"accounts.xls".*\.xlsx/),
    );
  });

  it('asks for .xlsx or CSV when given an HTML or XML spreadsheet', async () => {
    await assert.rejects(
      readAll(await tempFile('a.xls', '<?xml version="1.0"?>\n<Workbook>')),
      rejectsWith('unsupported_format', /XML or web-page/),
    );
  });

  it('reports a damaged ZIP as unreadable_xlsx', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(300)]);
    await assert.rejects(readAll(await tempFile('a.xlsx', zip)), rejectsWith('unreadable_xlsx', /could not be read/));
  });
});
