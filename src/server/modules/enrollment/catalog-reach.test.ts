import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathAndAncestors, seesCatalogEntry } from './catalog-reach.ts';

test('a county administrator sees the state’s entries and their own, not a sibling county’s', () => {
  const roots = ['/t/state/countyA/'];
  assert.equal(seesCatalogEntry(roots, '/t/state/'), true);
  assert.equal(seesCatalogEntry(roots, '/t/state/countyA/site1/'), true);
  assert.equal(seesCatalogEntry(roots, '/t/state/countyB/'), false);
  assert.equal(seesCatalogEntry('all', '/x/'), true);
});

test('a path’s ancestors run from the tenant down to itself', () => {
  assert.deepEqual(pathAndAncestors('/t/a/b/'), ['/t/', '/t/a/', '/t/a/b/']);
});
