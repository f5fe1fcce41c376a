import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp, type AppOptions } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import type { RuleSet } from '../../src/rules/model.js';

/** Starting the service and a browser on a busy two-core machine can take longer than vitest's 10 s for a hook. */
export const BROWSER_START_TIMEOUT = 60_000;

/** CHROMIUM_PATH, or Debian's chromium, which CI installs (.ci/run). Missing, the browser tests fail — they are never skipped. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

// Headless on a bare CI machine, and quiet: no sandbox (root in a container), no GPU, and nothing that phones home.
const CHROMIUM_ARGUMENTS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The service on a loopback port and a browser pointed at it; every request the page makes is recorded. */
export interface PageSession {
  base: string;
  browser: Browser;
  close(): Promise<void>;
  /**
   * A fresh browser context (its own storage: language choice included) with the page opened at a tool, or at / ;
   * `width` the window's (a phone's 375 px; 1280 by default), `language` the one the page starts in.
   */
  open(tool?: 'eligibility' | 'compensation' | 'rules' | 'decisions', options?: OpenOptions): Promise<OpenPage>;
}

export interface OpenOptions {
  width?: number;
  language?: 'lv' | 'en';
}

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Requests that went anywhere but the service itself (the page must need no internet). */
  outside: string[];
  /** Uncaught exceptions and console errors (a content-security-policy refusal shows here). */
  errors: string[];
  screenshot(name: string): Promise<void>;
}

function listen(ruleSet: RuleSet, options: AppOptions): Promise<Server> {
  const app = createApp(fixedRuleSet(ruleSet), { onUnexpectedError: (error) => process.stderr.write(`unexpected: ${String(error)}\n`), ...options });
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.on('error', reject);
  });
}

/**
 * The page session of a test file or describe block: started before its tests (the rule set read then), closed
 * after them.
 */
export function pageSessionForTests(ruleSet: () => RuleSet): Pick<PageSession, 'open'> {
  let session: PageSession | undefined;
  beforeAll(async () => {
    session = await startPageSession(ruleSet());
  }, BROWSER_START_TIMEOUT);
  afterAll(async () => {
    await session?.close();
  }, BROWSER_START_TIMEOUT);
  return {
    open(tool, options) {
      if (!session) throw new Error('the page session did not start');
      return session.open(tool, options);
    },
  };
}

export async function startPageSession(ruleSet: RuleSet, options: AppOptions = {}): Promise<PageSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium (.ci/run does this). They are not skipped.`,
    );
  }
  const server = await listen(ruleSet, options);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // launch() gives the browser a fresh --user-data-dir of its own, removed on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGUMENTS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    base,
    browser,
    async open(tool, options = {}) {
      // An American English browser, whose own date fields would be mm/dd/yyyy: the page must not follow it.
      const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Riga' });
      // The language the page starts in is the one a caseworker chose before (kept in the browser's storage).
      if (options.language) await context.addInitScript(`localStorage.setItem('sbsp-rules.language', '${options.language}')`);
      contexts.push(context);
      // Shorter than the test's own timeout, so a missing element fails with the locator that waited.
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const outside: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(`${base}/`) && !request.url().startsWith('data:')) outside.push(request.url());
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Chromium logs every 4xx answer as an error; the page asks for those on purpose (bad input), so only
        // other errors count.
        if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
          errors.push(`console: ${message.text()}`);
      });
      await page.goto(tool ? `${base}/#${tool}` : `${base}/`);
      await page.waitForSelector('body[data-ready="true"]');
      return {
        page,
        context,
        outside,
        errors,
        screenshot: async (name) => {
          await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
        },
      };
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Nothing left the machine, and the page raised no error (a refused inline style or script would). */
export function expectSelfContained(opened: OpenPage): void {
  expect(opened.outside).toEqual([]);
  expect(opened.errors).toEqual([]);
}
