/**
 * How the tests start Chromium: one browser for the whole e2e run (global setup starts it as a
 * browser server; each test file connects to it and makes its own contexts), so a file does not
 * wait for a browser of its own to start. Kept apart from browser.ts: global setup imports this
 * file, and must not load the test API.
 */
import { chromium, type LaunchOptions } from 'playwright-core';

/**
 * `chromium.launch` and `launchServer` always start from a fresh temporary user-data-dir that
 * Playwright creates and deletes itself (they refuse a --user-data-dir argument), so no profile
 * state leaks between runs; every test page has a browser context of its own besides.
 */
export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // A fake microphone (a beep) that needs no permission prompt: the voice message tests record it.
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ],
};

/** The shared browser of an e2e run; its address is handed to the test files. */
export function launchBrowserServer() {
  return chromium.launchServer(LAUNCH_OPTIONS);
}
