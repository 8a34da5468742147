/**
 * Makes an invited person's password as they would: opens the newest invitation link of their
 * mail and fills in the form. Without SMTP (the tests' servers) the mail's text stays in the
 * outbox table, as the admin's outbox page shows it in the demo.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, path } from './browser';
import { querySql } from './server';

export async function acceptInvitation(page: Page, server: { baseUrl: string; dbFile: string }, email: string, password: string): Promise<void> {
  const [mail] = await querySql<{ text_body: string }>(server.dbFile, "SELECT text_body FROM outbox WHERE to_address = ? AND kind = 'invitation' ORDER BY id DESC LIMIT 1", [email]);
  expect(mail, `an invitation to ${email} in the outbox`).toBeDefined();
  const link = /https?:\/\/\S+\/invite\/[a-z2-7]+/.exec(mail.text_body)?.[0];
  expect(link, `the link in: ${mail.text_body}`).toBeDefined();
  await page.goto(link!.replace(/^https?:\/\/[^/]+/, server.baseUrl));
  await page.locator('#new_password').fill(password);
  await page.locator('#new_password_again').fill(password);
  await clickAndWait(page, page.locator('form:has(#new_password) button[type=submit]'));
  expect(path(page)).toBe('/login?password=made');
}
