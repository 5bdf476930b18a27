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

  it('reads a UTF-8 file with more stray bytes than accents as UTF-8, naming the lines that are not', async () => {
    // Two accented letters in UTF-8, then a pasted line with three Windows-1252 bytes.
    const utf8 = Buffer.from(csv([header, ['andre@example.org', 'André', 'Lee'], ['bo@example.org', 'Bo', 'Peña']]));
    const pasted = iconv.encode(`x@example.org,Renée,Núñez\r\n`, 'windows-1252');
    const after = Buffer.from(csv([['zoe@example.org', 'Zoë', 'Ng']]));
    const t = await readAll(await tempFile('a.csv', Buffer.concat([utf8, pasted, after])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.deepEqual(cells(t.rows), [
      ['andre@example.org', 'André', 'Lee'],
      ['bo@example.org', 'Bo', 'Peña'],
      ['x@example.org', 'Renée', 'Núñez'],
      ['zoe@example.org', 'Zoë', 'Ng'],
    ]);
    assert.deepEqual(t.info.nonUtf8Lines, [4]);
    assert.equal(t.info.repairedBytes, 3);
    assert.match(t.info.warning ?? '', /^Line 4 is not valid UTF-8/);
  });

  it('keeps reading UTF-8 after stray bytes met past the first 64 KB of ASCII, and names their lines', async () => {
    const ascii = Array.from({ length: 2000 }, (_, i) => [`user${i}@example.org`, `First${i}`, `Last${i}`]);
    const start = Buffer.from(csv([header, ...ascii]));
    const pasted = iconv.encode(`x@example.org,Renée,Nunez\r\n`, 'windows-1252');
    const quoted = Buffer.from('q@example.org,"Two\r\nlines",Ng\r\n');
    const pastedAgain = iconv.encode(`y@example.org,Anaïs,Díaz\r\n`, 'windows-1252');
    const later = Buffer.from(csv(people));
    assert.ok(start.length > 64 * 1024);
    const t = await readAll(await tempFile('a.csv', Buffer.concat([start, pasted, quoted, pastedAgain, later])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.deepEqual(
      t.rows.slice(-5).map((r) => r.cells),
      [['x@example.org', 'Renée', 'Nunez'], ['q@example.org', 'Two\r\nlines', 'Ng'], ['y@example.org', 'Anaïs', 'Díaz'], ...people],
    );
    // Header on line 1, 2000 rows, the pasted line on 2002, the quoted record on 2003–2004.
    assert.deepEqual(t.info.nonUtf8Lines, [2002, 2005]);
    assert.equal(t.rows.at(-3)?.line, 2005);
    assert.match(t.info.warning ?? '', /^Lines 2002 and 2005 are not valid UTF-8/);
  });

  it('decodes multi-byte UTF-8 characters cut by chunk boundaries', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [`u${i}@example.org`, 'Ærøskøbing€', `日本語${i}`]);
    const t = await readAll(await tempFile('a.csv', csv([header, ...rows])));
    assert.equal(t.info.encoding, 'utf-8');
    assert.equal(t.info.repairedBytes, 0);
    assert.deepEqual(cells(t.rows), rows);
  });
});
