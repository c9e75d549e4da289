/** The text of a failed request: what the server said is wrong reaches the user. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../i18n/setup', () => ({
  i18n: { t: (key: string) => key },
  currentLanguage: () => 'ru',
}));
vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));

const { ApiError } = await import('../api/client');
const { errorText } = await import('./notify');

describe('errorText', () => {
  it('says what is wrong with refused input in the fields\' own words, never with their internal names', () => {
    const message = 'В записи нет заглавия (RUSMARC 200 $a, MARC 21 245 $a).';
    const refused = new ApiError(422, {
      title: 'Проверьте введённые данные.',
      code: 'validation_failed',
      detail: message,
      errors: [{ field: 'marc', code: 'marc_title', message }],
    });
    expect(errorText(refused)).toBe(message);
    // A server of the earlier kind wrote the field's name into the detail: still not shown.
    expect(errorText(new ApiError(422, { ...refused.problem, detail: `marc: ${message}` }))).toBe(message);
  });

  it('says a conflict once, in its most telling words, and each message once', () => {
    const taken = new ApiError(409, {
      title: 'Этот штрихкод уже присвоен другому экземпляру.',
      code: 'conflict',
      detail: 'Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).',
      errors: [{ field: 'barcode', code: 'conflict', message: 'Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).' }],
    });
    expect(errorText(taken)).toBe('Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).');
    const required = new ApiError(422, {
      title: 'Проверьте введённые данные.',
      code: 'validation_failed',
      errors: [
        { field: 'inventoryNumber', code: 'required', message: 'Обязательное поле.' },
        { field: 'barcode', code: 'required', message: 'Обязательное поле.' },
      ],
    });
    expect(errorText(required)).toBe('Обязательное поле.');
  });

  it('says only what happened when the form shows the messages at their fields', () => {
    const taken = new ApiError(409, {
      title: 'Этот штрихкод уже присвоен другому экземпляру.',
      code: 'conflict',
      detail: 'Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).',
      errors: [{ field: 'barcode', code: 'conflict', message: 'Этот штрихкод уже у экземпляра «Джамиля» (Филиал № 3).' }],
    });
    expect(errorText(taken, { fieldsShown: true })).toBe('Этот штрихкод уже присвоен другому экземпляру.');
  });

  it('shows a title once when the detail repeats it, or when there is none', () => {
    const title = 'Неверный логин или пароль.';
    expect(errorText(new ApiError(401, { title, code: 'invalid_credentials', detail: title }))).toBe(title);
    expect(errorText(new ApiError(0, { title: 'Нет связи с сервером.', code: 'network' }))).toBe('Нет связи с сервером.');
    expect(errorText(new ApiError(403, { title: 'x', code: 'forbidden', detail: 'y' }))).toBe('errors.forbidden');
    expect(errorText(new Error('boom'))).toBe('errors.unknown');
  });
});
