import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultWebRoot } from '../../src/server/platform/web-console.ts';
import { adminEmail, adminPassword, createTestContext, type TestContext, type TestContextOptions } from '../support/context.ts';

export { adminEmail, adminPassword };

export const chromiumPath = process.env.REGISTRAR_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

const chromiumMissing = !existsSync(chromiumPath);
if (chromiumMissing && process.env.CI)
  throw new Error(`Chromium is required in CI but missing at ${chromiumPath} (apt-get install chromium).`);
/** Why the browser suites are skipped, or false when they run. */
export const browserSkipReason: string | false = chromiumMissing
  ? `no Chromium at ${chromiumPath} (apt-get install chromium); browser journeys skipped`
  : false;

/** Builds the console once when dist/web is missing (CI builds it through `npm ci`'s prepare step). */
function ensureConsoleBuilt(): void {
  if (existsSync(join(defaultWebRoot, 'index.html'))) return;
  const vite = createRequire(import.meta.url).resolve('vite/bin/vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed; run `npm run build` to see why');
}

export interface BrowserContext {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (no cookies) on a desktop-sized window. */
  newPage(): Promise<Page>;
}

/**
 * A real server on a scratch SQLite database (with `options`, e.g. an SMTP server to send through), listening on a free port and serving the built console,
 * and a headless Chromium driving it. Everything is closed after the suite.
 */
export function describeInBrowser(title: string, body: (env: () => BrowserContext) => void, options: TestContextOptions = {}): void {
  describe(title, { skip: browserSkipReason, timeout: 240_000 }, () => {
    let env: BrowserContext | undefined;
    let close: (() => Promise<void>) | undefined;
    before(async () => {
      ensureConsoleBuilt();
      const ctx = await createTestContext('sqlite', options);
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const address = ctx.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
      const baseUrl = `http://127.0.0.1:${port}`;
      env = {
        ctx,
        baseUrl,
        browser,
        newPage: async () => {
          // Reduced motion: the console then skips its transitions, so checks and pictures never catch a half-faded element.
          const context = await browser.newContext({
            baseURL: baseUrl,
            viewport: { width: 1366, height: 900 },
            locale: 'en-US',
            timezoneId: 'UTC',
            reducedMotion: 'reduce',
          });
          // Generous: CI runs these beside the PostgreSQL suites on a busy machine.
          context.setDefaultTimeout(20_000);
          context.setDefaultNavigationTimeout(30_000);
          const page = await context.newPage();
          // A script error blanks a React page; say so rather than time out looking for what is gone.
          page.on('pageerror', (error) => process.stderr.write(`[browser] page error on ${page.url()}: ${error.stack ?? error.message}\n`));
          return page;
        },
      };
      close = async () => {
        await browser.close();
        await ctx.close();
      };
    });
    after(async () => {
      await close?.();
    });
    body(() => {
      if (!env) throw new Error('browser environment not ready');
      return env;
    });
  });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Evaluated through the DevTools protocol rather than a <script> tag, so the console's real CSP stays on.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is and fails on any serious or critical violation. */
export async function assertAccessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
  assert.equal(serious.length, 0, `${name} has accessibility violations:\n${report}`);
}

/** Saves a full-page screenshot under test-results/screenshots (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let entry animations and debounced requests settle, so the picture shows the page at rest.
  await page.waitForTimeout(350);
  // The shell's header and navigation are fixed; a window as tall as the page pictures it as a person sees it.
  const viewport = page.viewportSize() ?? { width: 1366, height: 900 };
  const height = (await page.evaluate('Math.ceil(document.documentElement.scrollHeight)')) as number;
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 4000)) });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  await page.setViewportSize(viewport);
}
