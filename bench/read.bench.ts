/**
 * Reading benchmark: openTable over a generated CSV and XLSX, against bare papaparse streaming the
 * same CSV and bare exceljs streaming the same XLSX in the same run (the floors). Each measurement runs in its own process so its peak RSS
 * is its own.
 *
 *   node --import tsx bench/read.bench.ts [--rows=100000] [--xlsx-rows=100000] [--million]
 *
 * `--million` adds a 1,000,000-row CSV read by openTable, for memory.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { openTable } from '../src/server/modules/imports/reading/index.ts';
import { header } from './import-csv.ts';

const lastNames = ['García', 'Smith', 'Nguyen', "O'Brien", 'Müller', 'Johnson', 'Kowalski', 'Okafor'];

function row(i: number): string[] {
  const last = lastNames[i % lastNames.length] as string;
  const affiliation = i % 10 === 0 ? 'California Community Partners, Inc.' : 'California Community Partners';
  return [
    `E${100000 + i}`,
    last,
    `First${i}`,
    `user${i}@example.org`,
    'Active',
    affiliation,
    i % 3 ? 'Staff' : 'Faculty',
    `2024-0${(i % 9) + 1}-1${i % 10}`,
    'learner',
    '',
    'Site 12',
  ];
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${header.join(',')}\r\n`);
  let block = '';
  for (let i = 0; i < rows; i += 1) {
    block += `${row(i).map(quote).join(',')}\r\n`;
    if (block.length > 1 << 16) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  await new Promise<void>((r) => out.end(() => r()));
}

async function writeXlsx(path: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('Accounts');
  sheet.addRow(header).commit();
  for (let i = 0; i < rows; i += 1) {
    const cells: unknown[] = row(i);
    cells[7] = new Date(Date.UTC(2024, i % 9, 10 + (i % 10)));
    const added = sheet.addRow(cells);
    added.getCell(8).numFmt = 'yyyy-mm-dd';
    added.commit();
  }
  sheet.commit();
  await book.commit();
}

/** Runs in a child: reads the file one way and prints rows, seconds and peak RSS as JSON. */
async function child(mode: string, path: string): Promise<void> {
  const started = process.hrtime.bigint();
  let rows = 0;
  if (mode === 'papaparse') {
    await new Promise<void>((resolve, reject) => {
      Papa.parse(createReadStream(path, 'utf8') as unknown as File, {
        step: () => void (rows += 1),
        complete: () => resolve(),
        error: reject,
      });
    });
    rows -= 1; // the header
  } else if (mode === 'exceljs') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const r of sheet) if (r.values) rows += 1;
      break;
    }
    rows -= 1;
  } else {
    const table = await openTable(path);
    for await (const r of table.rows) if (r.cells.length > 0) rows += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function measure(mode: string, path: string): { rows: number; seconds: number; peakRssMb: number } {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--import', 'tsx', self, `--child=${mode}`, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string);
}

function report(label: string, m: { rows: number; seconds: number; peakRssMb: number }, sizeMb: number) {
  const rate = Math.round(m.rows / m.seconds).toLocaleString('en-US');
  console.log(
    `${label.padEnd(40)} ${m.rows.toLocaleString('en-US').padStart(10)} rows ${sizeMb.toFixed(1).padStart(6)} MB ${rate.padStart(10)} rows/s  peak RSS ${m.peakRssMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const childMode = arg('child');
  if (childMode) return child(childMode, process.argv[3] as string);

  const rows = Number(arg('rows') ?? 100_000);
  const xlsxRows = Number(arg('xlsx-rows') ?? 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'registrar-read-bench-'));
  try {
    const csv = join(dir, 'accounts.csv');
    const xlsx = join(dir, 'accounts.xlsx');
    await writeCsv(csv, rows);
    await writeXlsx(xlsx, xlsxRows);
    const mb = async (p: string) => (await stat(p)).size / 1024 / 1024;
    console.log(`Reading files (node ${process.version}); each line is a separate process.`);
    report('papaparse step, CSV (floor)', measure('papaparse', csv), await mb(csv));
    report('openTable, CSV', measure('openTable', csv), await mb(csv));
    report('exceljs streaming reader, XLSX (floor)', measure('exceljs', xlsx), await mb(xlsx));
    report('openTable, XLSX', measure('openTable', xlsx), await mb(xlsx));
    if (process.argv.includes('--million')) {
      const big = join(dir, 'million.csv');
      await writeCsv(big, 1_000_000);
      report('papaparse step, 1M-row CSV (floor)', measure('papaparse', big), await mb(big));
      report('openTable, 1M-row CSV', measure('openTable', big), await mb(big));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
