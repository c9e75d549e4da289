/** Save and failure notices, one look for every form. */
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import { i18n } from '../i18n/setup';

export function notifySaved(message: string = i18n.t('common.saved')) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export interface ErrorTextOptions {
  /**
   * The problem's field messages are already shown at their fields (a form's failed save): the notice
   * then says only what happened ("Проверьте введённые данные."), not the same messages again.
   */
  fieldsShown?: boolean;
}

/**
 * The text to show for a failed request, in the user's language as the server wrote it. A problem with
 * field messages ("В записи нет заглавия…", "Этот штрихкод уже у экземпляра «…»") is those messages, each
 * once — they say more than the title ("Проверьте введённые данные.") —, or only the title when the
 * fields show them. Never the server's `detail`'s field names or the title and its messages run together.
 * Other problems show their title and, when it says more, their detail.
 */
export function errorText(error: unknown, options: ErrorTextOptions = {}): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.unknown');
  if (error.status === 403 && error.problem.code === 'forbidden') return i18n.t('errors.forbidden');
  const { title, detail } = error.problem;
  const messages = [...new Set(error.fieldErrors.map((e) => e.message).filter(Boolean))];
  if (messages.length) return options.fieldsShown ? title : messages.join(' ');
  return detail && detail !== title ? `${title} ${detail}` : title;
}

/** A red notice; `context` (e.g. "Passport not saved") heads it when given. */
export function notifyError(error: unknown, context?: string, options?: ErrorTextOptions) {
  const text = errorText(error, options);
  notifications.show(
    context
      ? { color: 'red', title: context, message: text, autoClose: 8000 }
      : { color: 'red', message: text, autoClose: 8000 },
  );
}
