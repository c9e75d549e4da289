/**
 * A cataloguer imports a MARC file from the staff app and watches the progress bar move to the report;
 * adds a copy to a record and prints its label; a reader without JavaScript then finds a book in the
 * public catalogue and sees where its copies are.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlField, dataField, writeIso2709 } from '../src/catalog/marc';
import { hasChromium, useDemo, signInStaff } from './browser';

const WAIT = { timeout: 20_000 };

describe.skipIf(!hasChromium)('catalogue in a browser', () => {
  const served = useDemo();

  async function signIn(login: string) {
    const page = await signInStaff(served, login);
    await page.getByTestId('nav-catalog').waitFor();
    return page;
  }

  it('imports a big file from the staff app: the progress bar moves, then the report', async () => {
    const count = 4000;
    const file = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'network.iso');
    writeFileSync(
      file,
      writeIso2709(
        Array.from({ length: count }, (_, i) => ({
          leader: '00000nam0 2200000   450 ',
          fields: [
            controlField('001', `E2E-BIG-${i}`),
            dataField('200', '1', ' ', [['a', `Тоолор жана талаалар ${i}`], ['f', 'Т. Сыдыкбеков']]),
            dataField('210', ' ', ' ', [['a', 'Бишкек'], ['c', 'Кыргызстан'], ['d', String(1960 + (i % 60))]]),
            dataField('330', ' ', ' ', [['a', `Роман о жизни в горах и долинах, том ${i}. `.repeat(20)]]),
            dataField('700', ' ', '1', [['a', 'Сыдыкбеков'], ['b', 'Т.']]),
          ],
        })),
      ),
    );
    const page = await signIn('cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog/import`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-start').click();
    // What the bar showed, read every 100 ms until the report replaces it.
    const seen: number[] = [];
    const result = page.getByTestId('import-result');
    const bar = page.getByTestId('import-running').getByRole('progressbar');
    for (let waited = 0; waited < 120_000 && (await result.count()) === 0; waited += 100) {
      const now = await bar.getAttribute('aria-valuenow', { timeout: 100 }).catch(() => null);
      if (now !== null && Number(now) !== seen.at(-1)) seen.push(Number(now));
      await page.waitForTimeout(100);
    }
    await result.waitFor();
    // The bar moved forward through values between empty and full before the report came.
    expect(seen.filter((v) => v > 0 && v < 100).length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // "Прочитано 4 000", "Создано 4 000": numbers are grouped with a space in Russian.
    const report = (await result.innerText()).replace(/[\s\u00a0\u202f]/g, '');
    expect(report).toContain(`Прочитано${count}`);
    expect(report).toContain(`Создано${count}`);
    await page.screenshot({ path: 'test-results/staff-import-big.png', fullPage: true });
    // The whole catalogue, demo and import, is more than is ranked: its total is an estimate, said as
    // such, and close to the truth (the statistics were gathered after the big import).
    const [{ n }] = (await served.database.query<{ n: number }>('select count(*)::int as n from bib_records where not is_deleted')) as [{ n: number }];
    await page.goto(`${served.baseUrl}/staff/catalog`);
    const shown = page.getByText(/^Всего: примерно/);
    await shown.waitFor({ timeout: 20_000 });
    const about = Number((await shown.innerText()).replace(/\D/g, ''));
    expect(Math.abs(about - n) / n).toBeLessThan(0.1);
    await page.close();
  });

  it('adds a copy to a record and prints its label as a PDF', async () => {
    const page = await signIn('cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('Джамиля')}`);
    await page.getByRole('link', { name: 'Джамиля' }).first().click();
    await page.getByTestId('tab-items').click();
    await page.getByTestId('items-add').click();
    // The cataloguer's own library is chosen; the others follow in the network's order (№ 3 before № 29).
    const library = page.getByTestId('item-library');
    await expect.poll(() => library.inputValue(), WAIT).toMatch(/Кеминская центральная/);
    await library.click();
    const offered = await page.getByRole('option').allInnerTexts();
    expect(offered.findIndex((o) => /№ 3\b/.test(o))).toBeLessThan(offered.findIndex((o) => /№ 29\b/.test(o)));
    await page.keyboard.press('Escape');
    const inventory = `E2E-${Date.now() % 1_000_000}`;
    await page.getByTestId('item-inventory').fill(inventory);
    await page.getByTestId('item-barcode').fill(`BC${inventory}`);
    await page.getByTestId('item-call-number').fill('84(2Кир)6 А36');
    await page.getByTestId('item-save').click();
    await page.getByTestId('item-row').filter({ hasText: inventory }).waitFor();
    // Printing labels offers the copy just added (the others are not ticked), on a partly used sheet.
    await page.getByTestId('items-print-labels').click();
    await expect.poll(async () => page.getByTestId('labels-copy').count(), WAIT).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="labels-copy"]:checked').count()).toBe(1);
    await page.getByTestId('labels-start').fill('7');
    await page.screenshot({ path: 'test-results/labels-print.png' });
    // The PDF, fetched as the signed-in browser would open it.
    const href = await page.getByTestId('labels-pdf').getAttribute('href');
    expect(href).toContain('labels.pdf');
    expect(href).toContain('start=7');
    const response = await page.request.get(`${served.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    const pdf = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'labels.pdf');
    writeFileSync(pdf, await response.body());
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(inventory);
    // The record's catalogue card, from the button beside the record's title.
    const card = await page.request.get(`${served.baseUrl}${await page.getByTestId('record-print-card').getAttribute('href')}`);
    expect(card.status()).toBe(200);
    writeFileSync(pdf, await card.body());
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Джамиля');
    // The card for the library the copy went to carries its inventory number.
    const group = page.locator('div').filter({ has: page.getByTestId('item-row').filter({ hasText: inventory }) }).filter({ has: page.getByTestId('items-print-card') }).last();
    const libraryCard = await page.request.get(`${served.baseUrl}${await group.getByTestId('items-print-card').getAttribute('href')}`);
    writeFileSync(pdf, await libraryCard.body());
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(inventory);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: 'test-results/staff-copy-added.png', fullPage: true });
    await page.close();
  });

  it('catalogues a new record from the form: a wrong ISBN is named at its field, the saved record is found at once', async () => {
    const page = await signIn('cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog/records/new`);
    const title = `Көл жээгинде ${Date.now() % 1_000_000}`;
    await page.getByTestId('record-field-title').fill(title);
    await page.getByTestId('record-field-authors').fill('Сыдыкбеков, Т.');
    await page.getByTestId('record-field-authors').press('Enter');
    // A mistyped year stays as typed and is refused with a message, not changed into another year.
    await page.getByTestId('record-field-year').fill('19855');
    await page.getByTestId('record-field-year').press('Tab');
    await page.getByTestId('record-save').click();
    await page.getByText('Значение больше допустимого (2200).').waitFor();
    expect(await page.getByTestId('record-field-year').inputValue()).toBe('19855');
    await page.getByTestId('record-field-year').fill('1985');
    await page.getByTestId('record-field-isbns').fill('978-5-17-118366-1');
    await page.getByTestId('record-field-isbns').press('Enter');
    // The language is chosen by its name, typed in part.
    await page.getByTestId('record-field-language').fill('кырг');
    await page.getByRole('option', { name: 'кыргызский' }).click();
    await page.getByTestId('record-save').click();
    await page.getByText('ISBN 978-5-17-118366-1: неверная контрольная цифра.').waitFor();
    // Backspace in the empty field takes the wrong ISBN back; the right one is typed in its place.
    await page.getByTestId('record-field-isbns').press('Backspace');
    await page.getByTestId('record-field-isbns').fill('978-5-17-118366-0');
    await page.getByTestId('record-field-isbns').press('Enter');
    await page.getByTestId('record-save').click();
    await page.waitForURL(/\/staff\/catalog\/records\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main').innerText()).toContain('кыргызский');
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent(title)}`);
    await page.getByTestId('catalog-row').filter({ hasText: title }).waitFor();

    // The same ISBN again: the record that has it is named first, and a new one is made only when asked.
    await page.goto(`${served.baseUrl}/staff/catalog/records/new`);
    await page.getByTestId('record-field-title').fill(`${title} (другое издание?)`);
    await page.getByTestId('record-field-isbns').fill('9785171183660');
    await page.getByTestId('record-field-isbns').press('Enter');
    await page.getByTestId('record-save').click();
    await expect.poll(async () => page.getByTestId('record-duplicate').innerText(), WAIT).toContain(title);
    expect(page.url()).toMatch(/\/records\/new$/);
    await page.getByTestId('record-save-anyway').click();
    await page.waitForURL(/\/staff\/catalog\/records\/[0-9a-f-]{36}$/);
    await page.close();
  });

  it('edits a record as MARC lines: a mistake is named by its line, the saved change is shown', async () => {
    const page = await signIn('cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('Өнөр жана турмуш')}`);
    await page.getByTestId('catalog-row').first().getByRole('link').first().click();
    await page.getByRole('tab', { name: 'MARC' }).click();
    await page.getByTestId('marc-edit').click();
    const editor = page.getByTestId('marc-lines');
    const lines = (await editor.inputValue()).split('\n');
    expect(lines[0]).toMatch(/^LDR /);
    const title = lines.findIndex((l) => l.startsWith('200 '));
    // A slip: the space after the indicators is lost.
    lines[title] = lines[title]!.replace(/^200 (..) \$a[^$]*/, '200 $1$aӨнөр жана турмуш: ырлар');
    await editor.fill(lines.join('\n'));
    await page.getByTestId('marc-save').click();
    await expect.poll(() => page.getByTestId('marc-error').innerText()).toBe(`Строка ${title + 1}: после метки нужны пробел, два индикатора и пробел`);
    lines[title] = lines[title]!.replace(/^200 (..)\$a/, '200 $1 $a');
    await editor.fill(lines.join('\n'));
    await page.getByTestId('marc-save').click();
    await expect.poll(() => page.getByTestId('marc-table').innerText()).toContain('Өнөр жана турмуш: ырлар');
    await page.close();
  });

  it('turns the catalogue\'s pages: the next page starts at the top, Back returns to the page before', async () => {
    const page = await signIn('cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('роман')}`);
    await page.getByTestId('catalog-row').first().waitFor();
    const first = await page.getByTestId('catalog-row').first().innerText();
    await page.getByRole('button', { name: '2', exact: true }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(async () => page.getByTestId('catalog-row').first().innerText(), WAIT).not.toBe(first);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('page=2');
    await expect.poll(async () => page.getByTestId('catalog-row').first().innerText(), WAIT).toBe(first);
    await page.close();
  });

  it('shows a copy\'s library and status in full on a 1024-pixel screen, however long the library\'s name', async () => {
    const page = await signInStaff(served, 'cataloguer', { width: 1024 });
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('айтматов')}`);
    await page.getByTestId('catalog-row').first().waitFor();
    // A label cut off with "…" is wider inside than the box it is shown in.
    const cutOff = (selector: string) =>
      page.locator(selector).evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
    const badges = '[data-testid="catalog-row"] .mantine-Badge-label';
    await expect.poll(() => page.locator(badges).count(), WAIT).toBeGreaterThan(0);
    expect(await cutOff(badges)).toEqual([]);
    await page.getByTestId('catalog-row').first().click();
    await page.getByTestId('tab-items').click();
    await page.getByTestId('item-row').first().waitFor();
    expect(await cutOff('[data-testid="item-row"] .mantine-Badge-label')).toEqual([]);
    await page.context().close();
  });

  it('a scanned barcode in the catalogue\'s box opens its record at the copies; the collection lists a branch in inventory order and exports it', async () => {
    const page = await signInStaff(served, 'librarian', { width: 1366 });
    const someCopy = (await (await page.request.get(`${served.baseUrl}/api/v1/catalog/items?pageSize=1&status=available`)).json()) as {
      items: { recordId: string; barcode: string; libraryId: string }[];
    };
    const copy = someCopy.items[0]!;
    await page.getByTestId('nav-catalog').click();
    // A scanner types the code and Enter.
    await page.getByTestId('catalog-search').fill(copy.barcode);
    await page.getByTestId('catalog-search').press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe(`/staff/catalog/records/${copy.recordId}`);
    await expect.poll(async () => page.getByTestId('item-row').filter({ hasText: copy.barcode }).count(), WAIT).toBe(1);

    await page.goto(`${served.baseUrl}/staff/catalog`);
    await page.getByTestId('catalog-copies').click();
    await page.getByTestId('copies-library').click();
    await page.getByRole('option').first().click();
    await expect.poll(() => page.url(), WAIT).toContain('libraryId=');
    await expect.poll(async () => page.getByTestId('copy-row').count(), WAIT).toBeGreaterThan(1);
    await page.screenshot({ path: 'test-results/copies.png', fullPage: true });
    const href = await page.getByTestId('copies-export').getAttribute('href');
    const xlsx = await page.request.get(`${served.baseUrl}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    // A library's page leads to its own copies.
    await page.goto(`${served.baseUrl}/staff/libraries/${copy.libraryId}`);
    await page.getByTestId('library-copies').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('libraryId'), WAIT).toBe(copy.libraryId);
    await expect.poll(async () => page.getByTestId('copy-row').count(), WAIT).toBeGreaterThan(0);
    await page.context().close();
  });

  it('narrows the search to one language, named in the librarian\'s words', async () => {
    const page = await signIn('cataloguer');
    await page.getByTestId('nav-catalog').click();
    await page.getByText('Расширенный поиск').click();
    await page.getByTestId('search-language').click();
    await page.getByRole('option', { name: 'кыргызский' }).click();
    await expect.poll(() => page.url()).toContain('language=kir');
    // The language facet shows the chosen language by its name, not its code.
    await expect.poll(() => page.getByTestId('facet-languages').allInnerTexts()).toEqual([expect.stringMatching(/^кыргызский\s*(≈ )?\d+$/)]);
    await page.close();
  });

  it('exports the search on screen, one library\'s holdings or the records ticked, as a MARC file', async () => {
    const page = await signIn('cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('Джамиля')}`);
    await page.getByRole('link', { name: 'Джамиля' }).first().waitFor();
    await page.getByTestId('catalog-export').click();
    await page.getByTestId('marc-export-open').click();
    await page.getByLabel('MARC 21').check();
    await page.getByLabel('MARCXML (.xml)').check();
    const href = await page.getByTestId('marc-export-download').getAttribute('href');
    expect(href).toContain('q=');
    const file = await page.request.get(`${served.baseUrl}${href}`);
    expect(file.status()).toBe(200);
    const xml = await file.text();
    expect(xml).toContain('<collection');
    expect(xml).toContain('Джамиля');
    // One library's holdings: nothing to download until the library is chosen.
    await page.getByLabel('Фонд одной библиотеки (записи с её экземплярами)').check();
    await expect.poll(() => page.getByTestId('marc-export-download').getAttribute('href')).toBeNull();
    await page.getByTestId('marc-export-library').click();
    await page.getByRole('option').first().click();
    await expect.poll(() => page.getByTestId('marc-export-download').getAttribute('href')).toContain('holdingsOf=');
    await page.screenshot({ path: 'test-results/marc-export.png' });
    await page.keyboard.press('Escape');

    // Records ticked in the results, on any page: ticking does not open the record.
    await page.goto(`${served.baseUrl}/staff/catalog?q=${encodeURIComponent('айтматов')}`);
    const ticks = page.getByTestId('catalog-select');
    await ticks.nth(1).waitFor();
    await ticks.nth(0).check();
    await ticks.nth(1).check();
    expect(page.url()).toContain('/staff/catalog?');
    await expect.poll(() => page.getByTestId('catalog-selected').innerText()).toContain('Отмечено записей: 2');
    await page.screenshot({ path: 'test-results/catalog-ticked.png' });
    await page.getByTestId('catalog-export').click();
    // Their catalogue cards: two cards on one A4 sheet.
    const cards = await page.request.get(`${served.baseUrl}${await page.getByTestId('cards-print').getAttribute('href')}`);
    expect(cards.status()).toBe(200);
    expect((await cards.body()).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)).toHaveLength(1);
    await page.getByTestId('marc-export-open').click();
    await expect.poll(() => page.getByLabel('Отмеченные записи (2)').isChecked()).toBe(true);
    const ticked = await page.getByTestId('marc-export-download').getAttribute('href');
    expect(ticked).toContain('ids=');
    const records = await (await page.request.get(`${served.baseUrl}${ticked}`)).body();
    expect(records.toString('latin1').split('\x1d').filter((r) => r.length > 0)).toHaveLength(2);
    // A reload of the page keeps what was ticked.
    await page.keyboard.press('Escape');
    await page.reload();
    await expect.poll(() => page.getByTestId('catalog-selected').innerText()).toContain('Отмечено записей: 2');
    await page.close();
  });

  it('imports a file from the staff app and shows the result', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'branch.iso');
    writeFileSync(
      file,
      writeIso2709(
        ['Сынган кылыч', 'Кылым карыткан бир күн'].map((title, i) => ({
          leader: '00000nam0 2200000   450 ',
          fields: [
            controlField('001', `E2E-${i}`),
            dataField('200', '1', ' ', [['a', title]]),
            dataField('210', ' ', ' ', [['a', 'Бишкек'], ['d', '2019']]),
          ],
        })),
      ),
    );
    const page = await signInStaff(served, 'cataloguer');
    await page.getByTestId('nav-catalog').click();
    await page.goto(`${served.baseUrl}/staff/catalog/import`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await expect.poll(async () => (await result.count()) > 0 && (await result.innerText()), { timeout: 30_000 }).toMatch(/2/);
    // The import is listed among the earlier ones; coming back later, its row opens the report again.
    const row = page.getByTestId('import-history-row').filter({ hasText: 'branch.iso' });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/завершён[\s\S]*прочитано 2, создано 2/i);
    await page.screenshot({ path: 'test-results/staff-import.png', fullPage: true });
    await page.goto(`${served.baseUrl}/staff/catalog/import`);
    await page.getByTestId('import-history-search').fill('branch');
    await row.first().click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toMatch(/Создано\s*2/);

    // A file that is not MARC: refused in the form at once, said plainly; no import starts.
    const text = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'notes.mrc');
    writeFileSync(text, 'Это не MARC, а список книг для выставки.\n'.repeat(40));
    await page.goto(`${served.baseUrl}/staff/catalog/import`);
    await page.locator('input[type="file"]').setInputFiles(text);
    await page.getByTestId('import-start').click();
    const refused = page.getByTestId('import-error');
    await expect.poll(async () => ((await refused.count()) > 0 ? refused.innerText() : ''), { timeout: 30_000 }).toContain('Это не файл MARC');
    expect(await page.getByTestId('import-result').count()).toBe(0);
    await page.close();
  });

  it('finds a book in the public catalogue without JavaScript and shows its copies', async () => {
    const context = await served.browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/catalog?q=${encodeURIComponent('айтматов джамиля')}`);
    await page.getByRole('link', { name: 'Джамиля' }).first().click();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Айтматов');
    expect(text).toMatch(/на полке|выдан/);
    await context.close();
  });
});
