import type { ruReaders } from './ru-readers';

/** Server-side texts of the readers domain in English. */
export const enReaders: Record<keyof typeof ruReaders, string> = {
  'validation.guardian_required': 'A reader under 14 needs a guardian: name, relation and phone.',
  'validation.consent_required': 'A reader cannot be registered without consent to the processing of personal data.',
  'validation.birth_date_future': 'The birth date cannot be in the future.',
  'validation.birth_date_past': 'Check the birth year.',
  'validation.card_number': 'Card number: Latin letters, digits and hyphens.',
  'readers.card_taken': 'This card number is already taken.',
  'readers.already_registered': 'The reader is already registered at this library this year.',
  'readers.category_taken': 'This category already exists.',
  'readers.category_unknown': "Choose a reader category from this network's list.",
  'readers.duplicate':
    'A reader with this name and birth date already exists. Open their card or confirm this is another person.',
  'readers.anonymised': "The reader's data was erased at their request and cannot be changed.",
  'readers.merged': 'This card was merged into another; use the remaining one.',
  'readers.other_network': 'The reader belongs to another library network.',
  'readers.sheet': 'Readers',
  'readers.yes': 'yes',
  'readers.col.card': 'Card',
  'readers.col.surname': 'Surname',
  'readers.col.first_name': 'First name',
  'readers.col.patronymic': 'Patronymic',
  'readers.col.birth_year': 'Birth year',
  'readers.col.age_group': 'Age group',
  'readers.col.category': 'Category',
  'readers.col.phone': 'Phone',
  'readers.col.last_year': 'Last registered',
  'readers.col.blocked': 'Blocked',
  'readers.age.upTo14': 'up to 14',
  'readers.age.from15to30': '15–30',
  'readers.age.over30': 'over 30',
};
