import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { cells, readAll, tempFile } from './test-files.ts';

const header = ['Email', 'FirstName', 'LastName'];
const people = [
  ['andre@example.org', 'André', 'Peña'],
  ['zoe@example.org', 'Zoë', 'O’Neil €5'],
];
const csv = (rows: string[][], delimiter = ',', eol = '\r\n') => rows.map((r) => r.join(delimiter)).join(eol) + eol;

describe('encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const t = await readAll(await tempFile('a.csv', csv([header, ...people])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.deepEqual(t.header.cells, header);
    assert.deepEqual(cells(t.rows), people);
  });

  it('drops the UTF-8 BOM from the first cell', async () => {
    const t = await readAll(
      await tempFile('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([header, ...people]))])),
    );
    assert.equal(t.info.encoding, 'utf-8');
    assert.equal(t.header.cells[0], 'Email');
    assert.equal(t.header.raw, 'Email,FirstName,LastName');
    assert.deepEqual(cells(t.rows), people);
  });

  it("reads Excel's Unicode text: UTF-16LE with a BOM, tab-separated", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv([header, ...people], '\t'), 'utf-16le')]);
    const t = await readAll(await tempFile('a.txt', bytes));
    assert.deepEqual(t.info, { format: 'csv', encoding: 'utf-16le', delimiter: '\t', repairedBytes: 0 });
    assert.equal(t.header.cells[0], 'Email');
    assert.deepEqual(cells(t.rows), people);
    assert.equal(t.rows[1]?.line, 3);
  });

  it('reads UTF-16BE with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(csv([header, ...people], '\t'), 'utf-16be')]);
    const t = await readAll(await tempFile('a.txt', bytes));
    assert.equal(t.info.encoding, 'utf-16be');
    assert.equal(t.header.cells[0], 'Email');
    assert.deepEqual(cells(t.rows), people);
  });

  it('reads UTF-16LE saved without a BOM', async () => {
    const t = await readAll(await tempFile('a.txt', iconv.encode(csv([header, ...people], '\t'), 'utf-16le')));
    assert.equal(t.info.encoding, 'utf-16le');
    assert.deepEqual(cells(t.rows), people);
  });

  it('reads Windows-1252 (é, ñ, ’, €) when the bytes are not UTF-8', async () => {
    const t = await readAll(await tempFile('a.csv', iconv.encode(csv([header, ...people], ';'), 'windows-1252')));
    assert.equal(t.info.encoding, 'windows-1252');
    assert.equal(t.info.delimiter, ';');
    assert.deepEqual(cells(t.rows), people);
    assert.equal(t.rows[0]?.raw, 'andre@example.org;André;Peña');
  });

  it('switches to Windows-1252 when the first accented letter comes after the first 64 KB of ASCII', async () => {
    const ascii = Array.from({ length: 2000 }, (_, i) => [`user${i}@example.org`, `First${i}`, `Last${i}`]);
    const text = csv([header, ...ascii, ...people]);
    assert.ok(text.indexOf('André') > 64 * 1024);
    const t = await readAll(await tempFile('a.csv', iconv.encode(text, 'windows-1252')));
    assert.equal(t.info.encoding, 'windows-1252');
    assert.equal(t.info.repairedBytes, 0);
    assert.deepEqual(
      t.rows.slice(-2).map((r) => r.cells),
      people,
    );
    assert.equal(t.rows.length, 2002);
  });

  it('keeps UTF-8 and repairs stray Windows-1252 bytes in a file that mixes both', async () => {
    const utf8 = Buffer.from(csv([header, ...people]));
    const pasted = iconv.encode(`x@example.org,Renée,Núñez\r\n`, 'windows-1252');
    const t = await readAll(await tempFile('a.csv', Buffer.concat([utf8, pasted])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.equal(t.info.repairedBytes, 3);
    assert.deepEqual(cells(t.rows), [...people, ['x@example.org', 'Renée', 'Núñez']]);
  });

  it('repairs stray Windows-1252 bytes met after the first 64 KB of a UTF-8 file', async () => {
    const utf8 = Array.from({ length: 2000 }, (_, i) => [`user${i}@example.org`, 'Zoë', `Last${i}`]);
    const text = Buffer.from(csv([header, ...utf8]));
    const pasted = iconv.encode(`x@example.org,Renée,Núñez\r\n`, 'windows-1252');
    const t = await readAll(await tempFile('a.csv', Buffer.concat([text, pasted])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.equal(t.info.repairedBytes, 3);
    assert.deepEqual(t.rows.at(-1)?.cells, ['x@example.org', 'Renée', 'Núñez']);
    assert.equal(t.rows[0]?.cells[1], 'Zoë');
  });

  it('decodes multi-byte UTF-8 characters cut by chunk boundaries', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [`u${i}@example.org`, 'Ærøskøbing€', `日本語${i}`]);
    const t = await readAll(await tempFile('a.csv', csv([header, ...rows])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.equal(t.info.repairedBytes, 0);
    assert.deepEqual(cells(t.rows), rows);
  });
});
