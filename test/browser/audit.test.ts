import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: audit', (env) => {
  test('an administrator follows one person through the audit trail; namesakes are told apart by email', async () => {
    const { ctx } = env();
    const ohio = await createOrg(ctx, 'Ohio');
    const franklin = await createOrg(ctx, 'Franklin County', ohio, 'county');
    const admin = await signedInAdmin(ctx, franklin);
    const as = await ctx.signIn(admin.account.email, admin.account.password ?? '');
    await createAccount(ctx, { orgId: franklin.id, firstName: 'José', lastName: 'Núñez', email: 'jose.nunez@franklin.example' }, as);
    const second = await createAccount(
      ctx,
      { orgId: franklin.id, firstName: 'José', lastName: 'Núñez', email: 'jnunez2@franklin.example' },
      as,
    );
    await ctx.call('PATCH', `/api/accounts/${second.id}`, { as, body: { jobTitle: 'Nurse' } });

    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    // Both namesakes are listed, each with the email that tells them apart, not an id.
    await page.getByRole('row').filter({ hasText: 'jose.nunez@franklin.example' }).first().waitFor();
    await page.getByRole('row').filter({ hasText: 'jnunez2@franklin.example' }).first().waitFor();
    assert.equal(await page.getByText(/Account [0-9a-f]{8}/).count(), 0);

    await page.getByRole('combobox', { name: 'Person' }).fill('jnunez2');
    await page.getByRole('option', { name: 'José Núñez <jnunez2@franklin.example>' }).click();
    await page.getByText('Showing 1–2 of 2').waitFor();
    const rows = page.getByRole('row').filter({ hasText: 'José Núñez' });
    assert.equal(await rows.count(), 2);
    assert.equal(await page.getByRole('row').filter({ hasText: 'jose.nunez@franklin.example' }).count(), 0);
    await page.getByRole('row').filter({ hasText: 'Account updated' }).waitFor();
    assert.match(page.url(), new RegExp(`personId=${second.id}`), 'the filtered view can be bookmarked');
    const email = page.getByRole('row').filter({ hasText: 'Account updated' }).getByText('jnunez2@franklin.example');
    assert.equal(await email.evaluate((el) => getComputedStyle(el).whiteSpace), 'nowrap', 'an email is never broken mid-word');
    await assertAccessible(page, 'audit filtered to one person');
    await screenshot(page, '90-audit-one-person');

    // Reloaded from the address, the picker names the person again.
    await page.reload();
    await page.getByText('Showing 1–2 of 2').waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Person' }).inputValue(), 'José Núñez <jnunez2@franklin.example>');

    // A long trail: "Last" jumps to the oldest events, and "Newer" walks back from there.
    for (let i = 0; i < 26; i += 1) await createAccount(ctx, { orgId: franklin.id, email: `bulk${i}@franklin.example` }, as);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const total = (await ctx.call('GET', '/api/audit?limit=1', { as })).json().total as number;
    await page.getByText(`Showing 1–25 of ${total}`).waitFor();
    // The oldest page is held back a moment: until it comes, the newest page stays on screen, counted as it was.
    const slowAudit = '**/api/audit?*';
    await page.route(slowAudit, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Last' }).click();
    await page.waitForTimeout(150);
    await page.getByText(`Showing 1–25 of ${total}`).waitFor();
    await page.getByText(`Showing ${total - 24}–${total} of ${total}`).waitFor();
    await page.unroute(slowAudit);
    assert.ok(await page.getByRole('button', { name: 'Last' }).isDisabled());
    await page.getByRole('button', { name: 'Newer' }).click();
    const newer = Math.min(25, total - 25);
    await page.getByText(`Showing ${total - 25 - newer + 1}–${total - 25} of ${total}`).waitFor();
    await page.getByRole('button', { name: 'First' }).click();
    await page.getByText(`Showing 1–25 of ${total}`).waitFor();
    await page.context().close();
  });
});
