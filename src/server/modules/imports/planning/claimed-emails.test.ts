import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClaimedEmails } from './claimed-emails.ts';

test('every claimed key is found again, and few others are taken for one', () => {
  const claimed = new ClaimedEmails(50_000);
  for (let i = 0; i < 50_000; i += 1) claimed.add(`person.${i}@partners${i % 20}.org`);
  for (let i = 0; i < 50_000; i += 1) assert.ok(claimed.mayHave(`person.${i}@partners${i % 20}.org`), `key ${i} lost`);
  let mistaken = 0;
  for (let i = 50_000; i < 150_000; i += 1) if (claimed.mayHave(`person.${i}@partners${i % 20}.org`)) mistaken += 1;
  // About 1 in 1,400 by design; a tenth of a percent leaves room for chance.
  assert.ok(mistaken < 100, `${mistaken} of 100,000 unclaimed keys looked claimed`);
});

test('a filter sized for few keys still holds many, only less sharply', () => {
  const claimed = new ClaimedEmails(10);
  for (let i = 0; i < 20_000; i += 1) claimed.add(`k${i}`);
  for (let i = 0; i < 20_000; i += 1) assert.ok(claimed.mayHave(`k${i}`));
  assert.equal(new ClaimedEmails(10).mayHave('anyone@example.org'), false);
});
