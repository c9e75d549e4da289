/**
 * A village librarian registers a schoolgirl whose mother signs the consent, prints her card (a PDF
 * carrying the card number), then at the loan desk lends her three books by typing barcodes and Enter,
 * takes one back and renews another. An unknown card at the desk offers to register a reader.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCopy, buildRecord } from '../src/circulation/circulation.test-support';
import { buildLibrary, buildNetwork, buildStaff, TEST_PASSWORD, uniq } from '../src/test/factories';
import { hasChromium, useDemo, signInStaff } from './browser';

describe.skipIf(!hasChromium)('registering a reader and lending in a browser', () => {
  const served = useDemo();

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

    const page = await signInStaff(served, librarian.login, { password: TEST_PASSWORD });

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
    await page.context().close();
  });

  it('managers edit the reader categories and loan rules; registration offers only categories in use', async () => {
    const WAIT = { timeout: 20_000 };
    const name = uniq('Волонтёр ');
    const methodist = await signInStaff(served, 'methodist');
    await methodist.getByTestId('nav-loan-rules').click();
    await methodist.getByTestId('reader-categories-link').click();
    await expect.poll(async () => methodist.getByTestId('reader-category-row').count(), WAIT).toBeGreaterThan(6);
    await methodist.getByTestId('category-add').click();
    await methodist.getByTestId('category-save').click();
    await expect.poll(async () => methodist.getByRole('dialog').getByText('Обязательное поле.').count(), WAIT).toBe(1);
    await methodist.getByTestId('category-name-ru').fill(name);
    await methodist.getByTestId('category-name-ky').fill('Ыктыярчы');
    await methodist.getByTestId('category-name-en').fill('Volunteer');
    await methodist.getByTestId('category-save').click();
    await expect.poll(async () => methodist.getByTestId('reader-categories').getByText(name).count(), WAIT).toBe(1);
    // Retiring a category keeps it in the list, marked.
    await methodist.getByRole('button', { name: 'Изменить: Фермер' }).click();
    await methodist.getByTestId('category-active').click({ force: true });
    await methodist.getByTestId('category-save').click();
    const farmer = methodist.getByTestId('reader-category-row').filter({ hasText: 'Фермер' });
    await expect.poll(async () => farmer.getByText('Не используется').count(), WAIT).toBe(1);
    await methodist.screenshot({ path: 'test-results/reader-categories.png', fullPage: true });
    await methodist.context().close();

    // A director adds a loan rule for the new category; an emptied number is refused in the form.
    const director = await signInStaff(served, 'director');
    await director.getByTestId('nav-loan-rules').click();
    await director.getByTestId('rule-add').click();
    await director.getByTestId('rule-category').click();
    await director.getByRole('option', { name }).click();
    await director.getByTestId('rule-loan-days').fill('');
    await director.getByTestId('rule-save').click();
    await expect.poll(async () => director.getByTestId('rule-loan-days').getAttribute('aria-invalid'), WAIT).toBe('true');
    await director.getByTestId('rule-loan-days').fill('21');
    await director.getByTestId('rule-save').click();
    const rule = director.getByTestId('rule-row').filter({ hasText: name });
    await expect.poll(async () => ((await rule.count()) === 1 ? rule.innerText() : ''), WAIT).toContain('21');
    await director.screenshot({ path: 'test-results/loan-rules.png', fullPage: true });
    await director.context().close();

    const librarian = await signInStaff(served, 'librarian');
    await librarian.goto(`${served.baseUrl}/staff/readers/new`);
    await librarian.getByTestId('reader-category').click();
    await expect.poll(async () => librarian.getByRole('option', { name }).count(), WAIT).toBe(1);
    expect(await librarian.getByRole('option', { name: 'Фермер' }).count()).toBe(0);
    await librarian.context().close();
  });
});
