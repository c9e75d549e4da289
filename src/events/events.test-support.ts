/** Pieces shared by the events tests: a network with its default forms, and a valid event body. */
import type { Db } from '../app/db';
import { listEventForms } from './event-setup.service';

export async function formIdOf(db: Db, networkId: string, code = 'literary_evening'): Promise<string> {
  const forms = await listEventForms(db, networkId);
  const form = forms.find((f) => f.code === code);
  if (!form) throw new Error(`no form ${code}`);
  return form.id;
}

export function eventBody(libraryId: string, formId: string, overrides: Record<string, unknown> = {}) {
  return {
    libraryId,
    formId,
    title: `Айтматовские чтения ${Math.random().toString(36).slice(2, 8)}`,
    audience: 'youth',
    place: 'in_library',
    plannedOn: '2026-12-12',
    startTime: '14:00',
    endTime: '15:30',
    theme: 'День рождения Чингиза Айтматова',
    ...overrides,
  };
}
