import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlFromText, renderEmail } from './render-email.ts';

const template = { subject: 'Welcome, {{firstName}}', bodyText: 'Hello {{firstName}},\n\nYour link: {{url}}\nSee you.', bodyHtml: null };

test('the text part gets the values as they are', () => {
  const email = renderEmail(template, { firstName: '<b>x</b>', url: 'https://example.org/a?b=1&c=2' });
  assert.equal(email.bodyText, 'Hello <b>x</b>,\n\nYour link: https://example.org/a?b=1&c=2\nSee you.');
});

test('without HTML of its own, the HTML part is the text escaped, in paragraphs, with links', () => {
  const { bodyHtml } = renderEmail(template, { firstName: '<b>x</b>', url: 'https://example.org/a?b=1&c=2' });
  assert.match(bodyHtml, /<p>Hello &lt;b&gt;x&lt;\/b&gt;,<\/p>/);
  assert.ok(!bodyHtml.includes('<b>x</b>'), 'the value’s markup is not live');
  assert.match(
    bodyHtml,
    /<p>Your link: <a href="https:\/\/example\.org\/a\?b=1&amp;c=2">https:\/\/example\.org\/a\?b=1&amp;c=2<\/a><br>\nSee you\.<\/p>/,
  );
});

test('a blank HTML body counts as none', () => {
  const { bodyHtml } = renderEmail({ ...template, bodyHtml: '  \n' }, { firstName: 'Ana', url: '' });
  assert.match(bodyHtml, /<p>Hello Ana,<\/p>/);
});

test('the tenant’s own HTML is kept as written, values escaped inside it', () => {
  const email = renderEmail(
    { ...template, bodyHtml: '<h1>Hi {{firstName}}</h1><a href="{{url}}">Start</a>' },
    { firstName: "O'Neil <3", url: 'https://example.org/?q="x"' },
  );
  assert.equal(email.bodyHtml, '<h1>Hi O&#39;Neil &lt;3</h1><a href="https://example.org/?q=&quot;x&quot;">Start</a>');
});

test('a subject stays one line whatever a value holds', () => {
  assert.equal(renderEmail(template, { firstName: 'Ana\r\nBcc: someone@example.org' }).subject, 'Welcome, Ana Bcc: someone@example.org');
});

test('htmlFromText escapes markup typed in the text itself', () => {
  assert.match(htmlFromText('1 < 2 & <i>not italic</i>'), /<p>1 &lt; 2 &amp; &lt;i&gt;not italic&lt;\/i&gt;<\/p>/);
});

test('punctuation that ends a sentence stays out of a link', () => {
  const html = htmlFromText('Open https://example.org/register/abc. Or see (https://example.org/help), or https://example.org/wiki/A_(b).');
  assert.match(html, /<a href="https:\/\/example\.org\/register\/abc">https:\/\/example\.org\/register\/abc<\/a>\. Or/);
  assert.match(html, /\(<a href="https:\/\/example\.org\/help">https:\/\/example\.org\/help<\/a>\), or/);
  assert.match(html, /<a href="https:\/\/example\.org\/wiki\/A_\(b\)">https:\/\/example\.org\/wiki\/A_\(b\)<\/a>\.<\/p>/);
});
