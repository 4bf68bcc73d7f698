/**
 * Picks an option of an Ant Design Select the way a person does (click, then click the option), robustly.
 *
 * Why not `.ant-select-dropdown:visible …`: when a form has several selects, the dropdown of the previous one may
 * still be animating closed while the next one opens, and a locator resolved at that moment clicks an option of the
 * closing dropdown, which does nothing (a CI run lost a choice this way). The dropdown that belongs to a select is
 * the one holding its listbox, `#<input id>_list` (rc-select's a11y list), so we scope to it, then check that the
 * select shows the choice and try again if it does not.
 *
 * `search` types the option's label first (selects with showSearch). `grouped` only takes options inside an option
 * group: in tags mode the typed text itself is offered as an extra, ungrouped option with the same title, which is
 * not the one meant.
 */
import type { Locator, Page } from 'playwright-core';

const ATTEMPTS = 3;
/** How long the select may take to show a choice that was clicked before we click again. */
const SHOWN_TIMEOUT = 5000;

export interface ChooseOptions {
  search?: boolean;
  grouped?: boolean;
}

export async function chooseOption(page: Page, combobox: Locator, option: string, opts: ChooseOptions = {}): Promise<void> {
  const id = await combobox.getAttribute('id');
  if (!id) throw new Error('chooseOption: the select input has no id');
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  const choice = dropdown.locator(`${opts.grouped ? '.ant-select-item-option-grouped' : '.ant-select-item-option'}[title="${option}"]`);
  const select = page.locator('.ant-select', { has: page.locator(`[id="${id}"]`) }).first();
  for (let attempt = 1; ; attempt++) {
    await combobox.click();
    if (opts.search) await combobox.fill(option);
    await choice.click();
    // The chosen label replaces the placeholder in the select's own box (after a re-render, which lags under load).
    const shown = await select
      .locator(`[title="${option}"]`)
      .first()
      .waitFor({ timeout: SHOWN_TIMEOUT })
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
    if (attempt >= ATTEMPTS) throw new Error(`chooseOption: 「${option}」 was clicked ${ATTEMPTS} times but the select does not show it`);
    await page.keyboard.press('Escape');
  }
}
