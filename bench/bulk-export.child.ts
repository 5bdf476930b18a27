/**
 * The export half of bench/bulk.bench.ts, alone in its own process so its peak RSS is the export's:
 * streams the CSV export of every account of the tenant (the list's query, page by page) to nowhere,
 * then the floor — one bare SQLite query iterated row by row into CSV lines — and prints both as JSON.
 *
 *   node --import tsx bench/bulk-export.child.ts <sqlite file> <admin account id> <format>
 */
import SQLite from 'better-sqlite3';
import Papa from 'papaparse';
import { createServices } from '../src/server/container.ts';
import { openDatabase } from '../src/server/db/connection.ts';

const [file, adminId, format = 'csv'] = process.argv.slice(2) as [string, string, string?];
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const database = openDatabase({ database: { kind: 'sqlite', file } });
const services = createServices(database, { sessionTtlHours: 1 });
const actor = (await services.auth.actorOfAccount(adminId, 'api'))?.actor;
if (!actor) throw new Error('no admin');
const baseRss = process.memoryUsage().rss;
const started = performance.now();
const chosen = format === 'xlsx' ? 'xlsx' : 'csv';
// As the route asks: an Excel export past its limit is refused before anything is read.
const pages = await services.accountExport.filterPages(actor, { affiliation: 'Bench Partners' }, chosen).catch((error: Error) => {
  console.log(JSON.stringify({ format, refused: error.message }));
  process.exit(0);
});
let bytes = 0;
let rows = 0;
for await (const chunk of services.accountExport.stream(pages, chosen)) {
  bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
  rows += 1;
}
const exportSeconds = (performance.now() - started) / 1000;
const exportPeak = Math.max(peak, process.memoryUsage().rss);
await database.close();

const raw = new SQLite(file, { readonly: true });
const floorStart = performance.now();
let floorBytes = 0;
for (const a of raw
  .prepare("select external_id, last_name, first_name, email, status, affiliation from accounts where affiliation = 'Bench Partners'")
  .iterate() as Iterable<Record<string, string | null>>) {
  floorBytes += Papa.unparse([[a.external_id ?? '', a.last_name, a.first_name, a.email, a.status, a.affiliation]]).length + 2;
}
const floorSeconds = (performance.now() - floorStart) / 1000;
raw.close();
clearInterval(sampler);
console.log(
  JSON.stringify({
    format,
    exportSeconds,
    exportMiB: Math.round(bytes / 1048576),
    chunks: rows,
    startRssMiB: Math.round(baseRss / 1048576),
    exportPeakRssMiB: Math.round(exportPeak / 1048576),
    floorSeconds,
    floorMiB: Math.round(floorBytes / 1048576),
  }),
);
