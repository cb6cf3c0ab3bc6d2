/**
 * Browser tests run Debian's Chromium through playwright-core against the sandbox workbench on
 * 127.0.0.1. Without /usr/bin/chromium they skip, saying how to install it.
 */
import { existsSync } from 'node:fs';
import { chromium, Browser, Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/src/sandbox';
import { startServer, RunningServer } from '../../sandbox/src/server';

export const CHROMIUM = '/usr/bin/chromium';

/** `describe` when Chromium is installed; otherwise `describe.skip`, with a message. */
export function describeInBrowser(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.log(`Skipping ${what}: /usr/bin/chromium is missing. Install it with: apt-get update && apt-get install -y chromium`);
  return describe.skip;
}

export interface Workbench {
  server: RunningServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Serves the sandbox's workbench and opens it in headless Chromium, ready for clicks. */
export async function openWorkbench(sandbox: Sandbox, viewport = { width: 1280, height: 800 }): Promise<Workbench> {
  const server = await startServer({ sandbox, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport });
  await page.goto(server.url);
  await page.locator('body[data-ready="1"]').waitFor();
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
