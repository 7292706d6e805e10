import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Headless Chromium for the verify page tests, and the one way they verify a document in it. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const haveChromium = existsSync(CHROMIUM);

export function launchChromium(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 900, height: 1100 },
  });
}

/** Pastes a document, clicks Verify, and returns the verdict the banner shows once settled. */
export async function verifyIn(p: Page, document: unknown): Promise<string> {
  await p.fill('#bundle', typeof document === 'string' ? document : JSON.stringify(document, null, 2));
  await p.click('#verify-button');
  await p.waitForSelector('#result:not([hidden]) #verdict[data-verdict]');
  await p.waitForSelector('#verify-button:not([disabled])');
  return (await p.getAttribute('#verdict', 'data-verdict'))!;
}
