import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loggableUrl } from './request-log.ts';

const token = 'nQzg7TKqMgIxbB4hqloTekL5-LNy1qe82Z31FQ23Uyo';
const at = (url: string, pattern?: string) => loggableUrl({ url, routeOptions: { url: pattern } as never });

test('a matched API route is logged by its pattern', () => {
  assert.equal(at(`/api/registration/${token}`, '/api/registration/:token'), '/api/registration/:token');
  assert.equal(at(`/api/auth/password-reset/${token}`, '/api/auth/password-reset/:token'), '/api/auth/password-reset/:token');
});

test('the console’s link pages, served by the catch-all, have their token replaced', () => {
  assert.equal(at(`/register/${token}`, '/*'), '/register/:token');
  assert.equal(at(`/reset-password/${token}?from=mail`, '/*'), '/reset-password/:token?from=mail');
  assert.equal(at('/accounts/new', '/*'), '/accounts/new');
  assert.equal(at('/my-request/short-guess', '/*'), '/my-request/:token');
});

test('an unrouted path loses anything that looks like a secret', () => {
  assert.equal(at(`/api/nowhere/rgt_${token}`), '/api/nowhere/:secret');
  assert.equal(at(`/api/registration/short`), '/api/registration/:token');
});

test('query values are kept unless their name or their look says secret', () => {
  assert.equal(at('/api/accounts?status=active&limit=50', '/api/accounts'), '/api/accounts?status=active&limit=50');
  assert.equal(at(`/api/auth/me?token=abc&access_key=x&q=ana`, '/api/auth/me'), '/api/auth/me?token=:redacted&access_key=:redacted&q=ana');
  assert.equal(at(`/api/accounts?q=${token}`, '/api/accounts'), '/api/accounts?q=:redacted');
});
