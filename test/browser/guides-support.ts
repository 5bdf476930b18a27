import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DemoKit } from '../../src/server/modules/demo/demo-kit.ts';
import { demoPassword } from '../../src/server/modules/demo/demo.service.ts';
import type { TestContext } from '../support/context.ts';
import { systemActor } from '../support/context.ts';
import { signIn } from './harness.ts';

export { demoPassword };

/** Where the guide pages (docs/guides/*.md) find their pictures. */
export const guideImageDir = join(process.cwd(), 'docs', 'guides', 'img');

/**
 * The guide pages show these journeys' pictures; taking them costs a few seconds a journey, so they are
 * taken only when asked (`REGISTRAR_SCREENSHOTS=1`), and CI runs the same steps without them.
 */
export const takingGuidePictures = process.env.REGISTRAR_SCREENSHOTS === '1';

/** The window the pictures are taken in: a common laptop screen, so the docs show what a person sees. */
export const guideViewport = { width: 1280, height: 800 };

/** A fresh browser page at the guides' window size. */
export async function guidePage(newPage: () => Promise<Page>): Promise<Page> {
  const page = await newPage();
  await page.setViewportSize(guideViewport);
  return page;
}

/** Saves what the window shows (not the whole page, to keep the files small) as docs/guides/img/NAME.png. */
export async function guideShot(page: Page, name: string): Promise<void> {
  if (!takingGuidePictures) return;
  mkdirSync(guideImageDir, { recursive: true });
  // Let entry animations, toasts and debounced requests settle, so the picture shows the page at rest.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(guideImageDir, `${name}.png`), fullPage: false });
}

/**
 * The demo's world builders (`registrar demo`), run against the journey's database: the journeys walk the
 * same tenants, people and names a reader finds after `npm run demo`. Imports inside them need the
 * background job runner (runJobsInBackground) to be running.
 */
export function demoKit(ctx: TestContext): DemoKit {
  return new DemoKit(ctx.database.db, ctx.services, systemActor('cli', 'demo'), demoPassword, () => undefined);
}

/** Signs a demo persona in and waits for the console's menu, so a next navigation does not race the sign-in's own. */
export async function signedInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email, demoPassword);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Picks an option of a labelled select. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
