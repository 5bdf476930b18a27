import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonAncestorPath } from './org-paths.ts';

test('the common ancestor of paths in one organization is that organization', () => {
  assert.equal(commonAncestorPath(['/t/county/site/', '/t/county/site/']), '/t/county/site/');
});

test('paths in sibling organizations share their parent, never a half-matching id', () => {
  assert.equal(commonAncestorPath(['/t/county/site1/', '/t/county/site12/', '/t/county/site1/room/']), '/t/county/');
  assert.equal(commonAncestorPath(['/t/county/', '/t/other/']), '/t/');
});

test('a path and its own descendants share the path itself', () => {
  assert.equal(commonAncestorPath(['/t/county/site/', '/t/county/']), '/t/county/');
});

test('nothing is shared across tenants, or by no paths at all', () => {
  assert.equal(commonAncestorPath(['/a/x/', '/b/x/']), null);
  assert.equal(commonAncestorPath([]), null);
});
