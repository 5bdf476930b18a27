import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noteInPassing } from './bookkeeping.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a quick bookkeeping write is finished when the caller goes on', async () => {
  let written = false;
  await noteInPassing(async () => {
    await pause(1);
    written = true;
  });
  assert.equal(written, true);
});

test('a slow one lets the caller go on after a short wait and finishes on its own', async () => {
  let written = false;
  const started = performance.now();
  await noteInPassing(async () => {
    await pause(300);
    written = true;
  });
  const waited = performance.now() - started;
  assert.ok(waited < 150, `the caller waited ${Math.round(waited)} ms`);
  assert.equal(written, false);
  await pause(350);
  assert.equal(written, true);
});

test('a failing one is reported as a warning, not thrown at the caller', async () => {
  const warnings: string[] = [];
  const listener = (warning: Error) => warnings.push(warning.message);
  process.on('warning', listener);
  try {
    await noteInPassing(async () => {
      throw new Error('disk full');
    });
    await pause(10);
  } finally {
    process.off('warning', listener);
  }
  assert.ok(
    warnings.some((w) => w.includes('disk full')),
    JSON.stringify(warnings),
  );
});
