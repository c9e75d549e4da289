/**
 * A branch librarian works the loan desk with the keyboard alone: types a reader's card and Enter,
 * three barcodes each with Enter, switches to return mode and returns one, to renew mode and renews
 * another; the reader panel shows what the reader holds after each step.
 */
import { describe, expect, it } from 'vitest';
import { buildCopy, buildReader, buildRecord } from '../src/circulation/circulation.test-support';
import { buildLibrary, buildNetwork, buildStaff, TEST_PASSWORD } from '../src/test/factories';
import { hasChromium, useDemo, signInStaff } from './browser';

describe.skipIf(!hasChromium)('loan desk in a browser', () => {
  const served = useDemo();

  it('lends three copies by typing barcodes and Enter, returns one, renews one', async () => {
    const db = served.database.db;
    const network = await buildNetwork(db);
    const branch = await buildLibrary(db, network.id);
    const librarian = await buildStaff(db, 'librarian', 'library', branch.id, { libraryId: branch.id });
    const reader = await buildReader(db, branch);
    const record = await buildRecord(db, { title: 'Делбирим' });
    const copies = [await buildCopy(db, record.id, branch), await buildCopy(db, record.id, branch), await buildCopy(db, record.id, branch)];

    const page = await signInStaff(served, librarian.login, { password: TEST_PASSWORD });
    await page.getByTestId('nav-desk').click();

    const scan = page.getByTestId('desk-scan');
    await expect.poll(async () => scan.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(reader.cardNumber);
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('reader-name').innerText()).toContain(reader.surname);

    for (const copy of copies) {
      await page.keyboard.type(copy.barcode);
      await page.keyboard.press('Enter');
      await expect.poll(async () => page.locator(`[data-testid="loan-row"][data-barcode="${copy.barcode}"]`).count()).toBe(1);
    }
    await expect.poll(async () => page.getByTestId('loan-row').count()).toBe(3);

    // An unknown barcode: a red refusal, and the focus stays in the scan field.
    await page.keyboard.type('NO-SUCH-COPY');
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('desk-outcome').getAttribute('data-kind')).toBe('error');
    await expect.poll(async () => scan.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Alt+2');
    await page.keyboard.type(copies[0]!.barcode);
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('loan-row').count()).toBe(2);
    await expect.poll(async () => page.getByTestId('desk-undo').count()).toBe(1);

    await page.keyboard.press('Alt+3');
    await page.keyboard.type(copies[1]!.barcode);
    await page.keyboard.press('Enter');
    const renewed = page.locator(`[data-testid="loan-row"][data-barcode="${copies[1]!.barcode}"] td`).nth(3);
    await expect.poll(async () => renewed.innerText()).toBe('1');
    await expect.poll(async () => scan.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: 'test-results/loan-desk.png', fullPage: true });
    await page.context().close();
  });
});
