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
  it('adds the detail of refused input to its title', () => {
    const refused = new ApiError(422, {
      title: 'Проверьте введённые данные.',
      code: 'validation_failed',
      detail: 'marc: В записи нет заглавия (RUSMARC 200 $a, MARC 21 245 $a).',
      errors: [{ field: 'marc', code: 'marc_title', message: 'В записи нет заглавия (RUSMARC 200 $a, MARC 21 245 $a).' }],
    });
    expect(errorText(refused)).toBe('Проверьте введённые данные. marc: В записи нет заглавия (RUSMARC 200 $a, MARC 21 245 $a).');
  });

  it('shows a title once when the detail repeats it, or when there is none', () => {
    const title = 'Неверный логин или пароль.';
    expect(errorText(new ApiError(401, { title, code: 'invalid_credentials', detail: title }))).toBe(title);
    expect(errorText(new ApiError(0, { title: 'Нет связи с сервером.', code: 'network' }))).toBe('Нет связи с сервером.');
    expect(errorText(new ApiError(403, { title: 'x', code: 'forbidden', detail: 'y' }))).toBe('errors.forbidden');
    expect(errorText(new Error('boom'))).toBe('errors.unknown');
  });
});
