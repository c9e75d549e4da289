/**
 * A village librarian registers a schoolgirl whose mother signs the consent, prints her card (a PDF
 * carrying the card number), then at the loan desk lends her three books by typing barcodes and Enter,
 * takes one back and renews another. An unknown card at the desk offers to register a reader.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCopy, buildRecord } from '../src/circulation/circulation.test-support';
import { buildLibrary, buildNetwork, buildStaff, TEST_PASSWORD, uniq } from '../src/test/factories';
import { hasChromium, serveDemo, type Served } from './browser';

describe.skipIf(!hasChromium)('registering a reader and lending in a browser', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveDemo();
  });
  afterAll(async () => {
    await served?.close();
  });

  it('registers a child with a guardian, prints the card, lends three copies, returns one, renews one', async () => {
    const db = served.database.db;
    const network = await buildNetwork(db);
    const branch = await buildLibrary(db, network.id);
    const librarian = await buildStaff(db, 'librarian', 'library', branch.id, { libraryId: branch.id });
    const record = await buildRecord(db, { title: 'Ак кеме' });
    const copies = [
      await buildCopy(db, record.id, branch),
      await buildCopy(db, record.id, branch),
      await buildCopy(db, record.id, branch),
    ];
    const surname = uniq('Үсөнова-');
    mkdirSync('test-results', { recursive: true });

    const context = await served.browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${served.baseUrl}/staff/`);
    await page.getByTestId('login-login').fill(librarian.login);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();

    // An unknown card at the desk offers registration with that number.
    await page.getByTestId('nav-desk').click();
    const card = uniq('KM-').toUpperCase();
    await expect
      .poll(async () => page.getByTestId('desk-scan').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-register').click();
    await expect.poll(async () => page.getByTestId('reader-card-number').inputValue()).toBe(card);

    await page.getByTestId('reader-surname').fill(surname);
    await page.getByTestId('reader-first-name').fill('Айгүл');
    const birth = page.getByTestId('reader-birth-date');
    await birth.fill(`01.03.${new Date().getFullYear() - 9}`);
    await birth.press('Tab');
    await page.getByTestId('reader-category').click();
    await page.getByRole('option', { name: 'Школьник' }).click();
    // Saving without the guardian and consent: clear messages, nothing lost.
    await page.getByTestId('reader-save').click();
    await expect
      .poll(async () => page.getByText('Для читателя младше 14 лет укажите законного представителя.').count())
      .toBeGreaterThan(0);
    await expect.poll(async () => page.getByTestId('reader-surname').inputValue()).toBe(surname);
    await page.getByTestId('guardian-name').fill('Үсөнова Гүлнара');
    await page.getByTestId('guardian-relation').fill('мать');
    await page.getByTestId('guardian-phone').fill('+996 555 123456');
    await page.getByTestId('reader-consent').check();
    await page.screenshot({ path: 'test-results/reader-register.png', fullPage: true });
    await page.getByTestId('reader-save').click();

    await expect.poll(async () => page.getByTestId('reader-card').innerText()).toBe(card);
    await expect.poll(async () => page.getByTestId('reader-title').innerText()).toContain(surname);
    await page.screenshot({ path: 'test-results/reader-card.png', fullPage: true });

    // The card prints as a PDF with the card number in its text.
    const href = await page.getByTestId('print-card').getAttribute('href');
    const pdf = await page.request.get(`${served.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    writeFileSync('test-results/reader-card.pdf', await pdf.body());
    expect(execFileSync('pdftotext', ['test-results/reader-card.pdf', '-'], { encoding: 'utf8' })).toContain(card);

    // The loan desk, keyboard only.
    await page.getByTestId('nav-desk').click();
    const scan = page.getByTestId('desk-scan');
    await expect.poll(async () => scan.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('reader-name').innerText()).toContain(surname);
    for (const copy of copies) {
      await page.keyboard.type(copy.barcode);
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => page.locator(`[data-testid="loan-row"][data-barcode="${copy.barcode}"]`).count())
        .toBe(1);
    }
    await page.keyboard.press('Alt+2');
    await page.keyboard.type(copies[0]!.barcode);
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('loan-row').count()).toBe(2);
    await page.keyboard.press('Alt+3');
    await page.keyboard.type(copies[1]!.barcode);
    await page.keyboard.press('Enter');
    const renewed = page.locator(`[data-testid="loan-row"][data-barcode="${copies[1]!.barcode}"] td`).nth(3);
    await expect.poll(async () => renewed.innerText()).toBe('1');

    // The readers list finds her by the folded name and shows her card.
    await page.getByTestId('nav-readers').click();
    await page.getByTestId('readers-search').fill(surname.replace('Ү', 'У').replace('ө', 'о'));
    await expect.poll(async () => page.locator(`[data-testid="reader-row"][data-card="${card}"]`).count()).toBe(1);
    await page.screenshot({ path: 'test-results/readers-list.png', fullPage: true });
    await context.close();
  });
});
