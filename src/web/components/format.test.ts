import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greetingName } from './format.ts';

test('people are greeted by first name; the administrator made on first start is not greeted as "System"', () => {
  assert.equal(greetingName({ firstName: 'Maria', lastName: 'Lopez' }), 'Maria');
  assert.equal(greetingName({ firstName: 'System', lastName: 'Administrator' }), undefined);
  assert.equal(greetingName({ firstName: '', lastName: 'Lopez' }), undefined);
});
