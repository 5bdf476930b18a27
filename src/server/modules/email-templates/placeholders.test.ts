import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, fillPlaceholders, placeholdersIn, unknownPlaceholders } from '../../../common/placeholders.ts';

test('placeholdersIn lists each name once, in order of first use, spaces inside the braces ignored', () => {
  assert.deepEqual(placeholdersIn('Hi {{firstName}}, {{ lastName }}! Bye {{firstName}}.'), ['firstName', 'lastName']);
  assert.deepEqual(placeholdersIn('No placeholders, { single braces } and {{unclosed'), []);
});

test('unknownPlaceholders names what the email does not offer, an empty {{}} included', () => {
  assert.deepEqual(unknownPlaceholders('{{firstName}} {{fristName}} {{}} {{password}}', ['firstName']), ['fristName', '', 'password']);
  assert.deepEqual(unknownPlaceholders('{{firstName}}', ['firstName', 'lastName']), []);
});

test('fillPlaceholders puts values in, and nothing for a name without a value', () => {
  assert.equal(fillPlaceholders('Dear {{ firstName }} {{lastName}}', { firstName: 'Ana' }), 'Dear Ana ');
});

test('fillPlaceholders escapes values only, never the template around them', () => {
  const html = fillPlaceholders('<p>Hello <b>{{firstName}}</b></p>', { firstName: '<script>x</script>' }, escapeHtml);
  assert.equal(html, '<p>Hello <b>&lt;script&gt;x&lt;/script&gt;</b></p>');
});

test('a value is not read again as a template: a name that looks like a placeholder stays as typed', () => {
  assert.equal(fillPlaceholders('Hi {{firstName}}', { firstName: '{{lastName}}', lastName: 'Silva' }), 'Hi {{lastName}}');
});

test('escapeHtml makes values safe in text and in quoted attributes', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});
