/** Problem answers: a person reads sentences in their language, an API client reads the fields by name. */
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, registerErrorHandling } from './errors';

const app = Fastify();
registerErrorHandling(app);
app.get('/barcode', () => {
  throw new AppError(409, 'conflict', 'catalog.barcode_taken', [
    { field: 'barcode', code: 'conflict', key: 'catalog.barcode_taken_by', params: { title: 'Джамиля', library: 'Филиал № 3' } },
  ]);
});
app.get('/marc', () => {
  throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'marc', code: 'marc_title', key: 'validation.marc_title' }]);
});
app.get('/required', () => {
  throw new AppError(422, 'validation_failed', 'error.validation', [
    { field: 'inventoryNumber', code: 'required', key: 'validation.required' },
    { field: 'barcode', code: 'required', key: 'validation.required' },
    { field: 'price', code: 'too_small', key: 'validation.too_small', params: { min: 0 } },
  ]);
});
app.get('/plain', () => {
  throw new AppError(404, 'not_found', 'error.not_found');
});
afterAll(() => app.close());

const problem = async (url: string, lang = 'ru') => {
  const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<{ title: string; detail: string; errors?: { field: string; code: string; message: string }[] }>();
};

describe('problem+json', () => {
  it('says in `detail` what is wrong, without the fields\' internal names', async () => {
    const barcode = await problem('/barcode');
    expect(barcode.title).toBe('Этот штрихкод уже присвоен другому экземпляру.');
    expect(barcode.detail).toBe('Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).');
    const marc = await problem('/marc', 'en');
    expect(marc.title).toBe('Please check the data you entered.');
    expect(marc.detail).toBe('The record has no title (RUSMARC 200 $a, MARC 21 245 $a).');
  });

  it('says each message once', async () => {
    expect((await problem('/required')).detail).toBe('Обязательное поле. Значение меньше допустимого (0).');
  });

  it('keeps naming the fields in `errors` for API clients', async () => {
    expect((await problem('/barcode')).errors).toEqual([{ field: 'barcode', code: 'conflict', message: 'Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).' }]);
    expect((await problem('/required')).errors?.map((e) => e.field)).toEqual(['inventoryNumber', 'barcode', 'price']);
  });

  it('repeats the title as the detail of a problem without fields, and has no `errors` then', async () => {
    const plain = await problem('/plain');
    expect(plain.detail).toBe(plain.title);
    expect(plain.errors).toBeUndefined();
  });
});
