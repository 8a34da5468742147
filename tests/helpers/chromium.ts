/**
 * How the tests start Chromium: one browser for the whole e2e run (global setup starts it as a
 * browser server; each test file connects to it and makes its own contexts), so a file does not
 * wait for a browser of its own to start. Kept apart from browser.ts: global setup imports this
 * file, and must not load the test API.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from 'playwright-core';

/**
 * The browser: CHROMIUM_PATH, else Debian's `chromium-headless-shell` when installed, else
 * `chromium`. The headless shell is the same Chromium engine (Blink, V8, the accessibility tree
 * axe reads) without the desktop browser around it; Playwright's own headless default is this
 * shell. On a 2-core machine it runs the browser tests in about two thirds of the time of the
 * full browser's headless mode (consents + messages: 56 s against 87 s), with the same results.
 */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';
}

/**
 * `chromium.launch` and `launchServer` always start from a fresh temporary user-data-dir that
 * Playwright creates and deletes itself (they refuse a --user-data-dir argument), so no profile
 * state leaks between runs; every test page has a browser context of its own besides.
 */
export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: chromiumPath(),
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

/**
 * The full browser, for the one test that needs a browser's permission prompt (the headless shell
 * has none): CHROMIUM_FULL_PATH, else /usr/bin/chromium, else the tests' browser.
 */
export const FULL_CHROMIUM_PATH =
  process.env.CHROMIUM_FULL_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : chromiumPath());

/** The shared browser of an e2e run; its address is handed to the test files. */
export function launchBrowserServer() {
  return chromium.launchServer(LAUNCH_OPTIONS);
}
