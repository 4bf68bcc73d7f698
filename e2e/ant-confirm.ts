/**
 * Confirms an Ant Design confirmation dialog (Modal.confirm) the way a person does: reads it, clicks its OK button.
 *
 * Why not a single click: a click that lands while the dialog is still zooming in does nothing, and under load the
 * dialog then stays open (a CI run lost a publication this way). We click again until the dialog is gone; antd's
 * OK button ignores a second click once the first has been taken, so nothing runs twice.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

const CLICK_TIMEOUT = 5000;

/** Waits for the confirmation dialog, clicks OK until it has closed, and returns the text it showed. */
export async function confirmDialog(page: Page, timeout = 60_000): Promise<string> {
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.waitFor({ timeout });
  const text = await dialog.innerText();
  await expect
    .poll(
      async () => {
        if ((await dialog.count()) > 0) await dialog.locator('.ant-btn-primary').click({ timeout: CLICK_TIMEOUT }).catch(() => undefined);
        return dialog.waitFor({ state: 'detached', timeout: CLICK_TIMEOUT }).then(
          () => true,
          () => false,
        );
      },
      { timeout },
    )
    .toBe(true);
  return text;
}

/**
 * Clicks `button` (an OK button of a dialog that just opened) until `done` says its effect shows: for the same
 * reason as above, a click during the dialog's opening can be lost. Only for actions that are harmless to ask twice.
 */
export async function clickUntil(button: Locator, done: () => Promise<boolean>, timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        if ((await button.count()) > 0) await button.click({ timeout: CLICK_TIMEOUT }).catch(() => undefined);
        return done();
      },
      { timeout },
    )
    .toBe(true);
}
