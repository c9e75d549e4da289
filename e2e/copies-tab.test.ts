/**
 * A record's copies and the catalogue's search box as a branch librarian uses them: a date the calendar has
 * not got is refused at its field, never rolled over; writing a copy off asks first, naming the copy, and
 * keeps the act's number and the reason in its note; a description pasted into the search is said to be too
 * long at the box; a scanned barcode opens its record at the copies even when the search's own update,
 * waiting for the typing to stop, comes after the navigation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, signInStaff, useDemo } from './browser';

const WAIT = { timeout: 20_000 };

interface Copy {
  id: string;
  recordId: string;
  inventoryNumber: string;
  barcode: string;
  status: string;
  acquiredOn: string | null;
  notes: string;
}

describe.skipIf(!hasChromium)('copies tab and search box in a browser', () => {
  const served = useDemo();

  /** Available copies of the signed-in librarian's own library, which they may change. */
  async function ownCopies(page: Page, count: number): Promise<Copy[]> {
    const { user } = (await (await page.request.get(`${served.baseUrl}/api/v1/session`)).json()) as { user: { libraryId: string } };
    const list = await page.request.get(`${served.baseUrl}/api/v1/catalog/items?libraryId=${user.libraryId}&status=available&pageSize=${count}`);
    const copies = ((await list.json()) as { items: Copy[] }).items;
    expect(copies.length).toBe(count);
    return copies;
  }

  async function copyNow(page: Page, copy: Copy): Promise<Copy> {
    const rows = (await (await page.request.get(`${served.baseUrl}/api/v1/catalog/records/${copy.recordId}/items`)).json()) as Copy[];
    return rows.find((c) => c.id === copy.id)!;
  }

  async function openCopyMenu(page: Page, copy: Copy) {
    await page.goto(`${served.baseUrl}/staff/catalog/records/${copy.recordId}?tab=items`);
    await page.getByTestId('item-row').filter({ hasText: copy.barcode }).getByTestId('item-menu').click();
  }

  it('refuses 30.02.2026 in a copy\'s date of acquisition, saying so, and saves nothing until it is corrected', async () => {
    const page = await signInStaff(served, 'librarian');
    const [copy] = await ownCopies(page, 1);
    await openCopyMenu(page, copy!);
    await page.getByTestId('item-edit').click();
    const date = page.getByTestId('item-acquired');
    await date.fill('30.02.2026');
    await page.getByText('Такой даты нет в календаре: 30.02.2026').waitFor();
    await page.screenshot({ path: 'test-results/copy-impossible-date.png' });
    // Leaving the field keeps what was typed, with the message, rather than 02.03.2026 or the old date.
    await page.getByTestId('item-location').click();
    expect(await date.inputValue()).toBe('30.02.2026');
    let saves = 0;
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes(`/api/v1/catalog/items/${copy!.id}`)) saves++;
    });
    await page.getByTestId('item-save').click();
    await page.waitForTimeout(500);
    expect(saves).toBe(0);
    await expect.poll(() => page.getByTestId('item-save').isVisible()).toBe(true);
    expect((await copyNow(page, copy!)).acquiredOn).toBe(copy!.acquiredOn);

    await date.fill('28.02.2026');
    await page.getByTestId('item-location').click();
    await page.getByTestId('item-save').click();
    await expect.poll(async () => (await copyNow(page, copy!)).acquiredOn, WAIT).toBe('2026-02-28');
    await page.context().close();
  });

  it('writes a copy off only when confirmed, naming it, with the act and the reason in its note', async () => {
    const page = await signInStaff(served, 'librarian');
    const [, copy] = await ownCopies(page, 2);
    await openCopyMenu(page, copy!);
    await page.getByTestId('item-status-written_off').click();
    const dialog = page.getByRole('dialog', { name: 'Списать экземпляр?' });
    await expect.poll(() => dialog.innerText()).toContain(`инв. № ${copy!.inventoryNumber}, штрихкод ${copy!.barcode}`);
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await page.waitForTimeout(300);
    expect((await copyNow(page, copy!)).status).toBe('available');

    await page.getByTestId('item-row').filter({ hasText: copy!.barcode }).getByTestId('item-menu').click();
    await page.getByTestId('item-status-written_off').click();
    await page.getByTestId('write-off-act').fill('12');
    // Escape (as one closes a field's suggestions) and a click beside the dialog keep it and what was typed.
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('write-off-act').inputValue()).toBe('12');
    await page.getByTestId('write-off-reason').fill('вет');
    await page.getByRole('option', { name: 'ветхость' }).click();
    await page.screenshot({ path: 'test-results/copy-write-off.png' });
    await page.getByRole('dialog', { name: 'Списать экземпляр?' }).getByRole('button', { name: 'Списать', exact: true }).click();
    await expect.poll(async () => (await copyNow(page, copy!)).status, WAIT).toBe('written_off');
    const written = await copyNow(page, copy!);
    expect(written.notes.endsWith('Списан: акт № 12, ветхость.')).toBe(true);
    if (copy!.notes.trim()) expect(written.notes.startsWith(copy!.notes.trim())).toBe(true);

    // The copy's form asks the same before a save that writes a copy off.
    const [, , other] = await ownCopies(page, 3);
    await openCopyMenu(page, other!);
    await page.getByTestId('item-edit').click();
    await page.getByTestId('item-status').click();
    await page.getByRole('option', { name: 'Списан' }).click();
    await page.getByTestId('item-save').click();
    const asked = page.getByRole('dialog', { name: 'Списать экземпляр?' });
    await expect.poll(() => asked.innerText()).toContain(`инв. № ${other!.inventoryNumber}, штрихкод ${other!.barcode}`);
    await asked.getByRole('button', { name: 'Списать', exact: true }).click();
    await expect.poll(async () => (await copyNow(page, other!)).status, WAIT).toBe('written_off');
    await page.context().close();
  });

  it('marks a copy lost only when confirmed, naming it', async () => {
    const page = await signInStaff(served, 'librarian');
    const [, , , copy] = await ownCopies(page, 4);
    await openCopyMenu(page, copy!);
    await page.getByTestId('item-status-lost').click();
    const dialog = page.getByRole('dialog', { name: 'Отметить экземпляр утерянным?' });
    await expect.poll(() => dialog.innerText()).toContain(`инв. № ${copy!.inventoryNumber}, штрихкод ${copy!.barcode}`);
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await page.waitForTimeout(300);
    expect((await copyNow(page, copy!)).status).toBe('available');

    await openCopyMenu(page, copy!);
    await page.getByTestId('item-status-lost').click();
    await page.getByRole('dialog', { name: 'Отметить экземпляр утерянным?' }).getByRole('button', { name: 'Утерян', exact: true }).click();
    await expect.poll(async () => (await copyNow(page, copy!)).status, WAIT).toBe('lost');
    await page.context().close();
  });

  it('says at the search box that a pasted description is too long, without a retry that fails again', async () => {
    const page = await signInStaff(served, 'librarian');
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('Джамиля повесть '.repeat(25))}`);
    await page.getByText('Слишком длинно: не больше 300 символов.').waitFor();
    await page.screenshot({ path: 'test-results/catalog-search-too-long.png' });
    expect(await page.getByRole('button', { name: 'Повторить' }).count()).toBe(0);
    expect(await page.getByText('Проверьте введённые данные.').count()).toBe(0);
    expect(await page.getByTestId('catalog-search').getAttribute('maxlength')).toBe('300');
    await page.context().close();
  });

  it('opens a scanned copy\'s record at its copies, however late the search\'s own update comes', async () => {
    const page = await signInStaff(served, 'librarian');
    const [, , copy] = await ownCopies(page, 3);
    await page.goto(`${served.baseUrl}/staff/catalog?sort=year_desc&language=kir&page=2`);
    await page.getByTestId('catalog-search').waitFor();
    // The record's page arrives slowly (a weak connection): the search page is still there when its update is due.
    await page.route(/\/staff\/assets\/record-page-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    // A scanner types the code and Enter at once.
    await page.getByTestId('catalog-search').fill(copy!.barcode);
    await page.getByTestId('catalog-search').press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe(`/staff/catalog/records/${copy!.recordId}`);
    // The record's page has come, long after the search's update was due: its address is still its own.
    await page.getByTestId('record-title').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/staff/catalog/records/${copy!.recordId}`);
    expect(url.searchParams.get('tab')).toBe('items');
    expect(url.searchParams.get('q')).toBeNull();
    await page.getByTestId('item-row').filter({ hasText: copy!.barcode }).waitFor();
    await page.context().close();
  });
});
