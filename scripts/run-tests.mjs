#!/usr/bin/env node
// Runs the tests with Node's test runner (TypeScript through tsx), in two phases:
//   1. unit tests: every *.test.ts under src/ except *.db.test.ts. They sit beside pure code and open no
//      database, so they take seconds; when one fails, the run stops there instead of spending minutes
//      on the database, CLI and browser suites first.
//   2. the rest: *.db.test.ts under src/ (they run on SQLite and PostgreSQL) and everything under test/.
// The split is by file name, not by sniffing imports, so anyone can tell a test's phase from its name.
// `node scripts/run-tests.mjs <part of a path> …` runs only the matching files, still unit tests first.
// Node 20's runner does not expand globs itself, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const isUnitTest = (file) => file.startsWith('src/') && !file.endsWith('.db.test.ts');

// Each phase also writes TAP to a scratch file, so the run can end with one line counting both phases
// (the spec reporter's own summary at the bottom only counts the last phase).
const tapDir = mkdtempSync(join(tmpdir(), 'registrar-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(files) {
  const tap = join(tapDir, `phase-${Date.now()}.tap`);
  const reporters = [
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
  ];
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  });
  count(tap);
  return result.status ?? 1;
}

function count(tapFile) {
  let text = '';
  try {
    text = readFileSync(tapFile, 'utf8');
  } catch {
    return;
  }
  const total = (name) => [...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  totals.passed += total('pass');
  totals.failed += total('fail') + total('cancelled');
  totals.skipped += total('skipped');
}

function finish(status) {
  rmSync(tapDir, { recursive: true, force: true });
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(status);
}

const filter = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((d) => find(d))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const unit = files.filter(isUnitTest);
const rest = files.filter((f) => !isUnitTest(f));
if (unit.length > 0) {
  const status = run(unit);
  if (status !== 0) {
    if (rest.length > 0) console.error(`\nUnit tests failed: the ${rest.length} database, CLI and browser test files were not run.`);
    finish(status);
  }
}
finish(rest.length > 0 ? run(rest) : 0);
