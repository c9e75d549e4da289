/** Shared zod schemas of the readers domain: used by the API and by the staff app's forms. */
import { z } from 'zod';
import { ageOn, GUARDIAN_REQUIRED_UNDER } from './age';

/** Categories every network starts with; the network edits the list afterwards. */
export const DEFAULT_READER_CATEGORIES = [
  { code: 'schoolchild', name: 'Школьник', nameKy: 'Окуучу', nameEn: 'Schoolchild' },
  { code: 'student', name: 'Студент', nameKy: 'Студент', nameEn: 'Student' },
  { code: 'teacher', name: 'Учитель', nameKy: 'Мугалим', nameEn: 'Teacher' },
  { code: 'pensioner', name: 'Пенсионер', nameKy: 'Пенсионер', nameEn: 'Pensioner' },
  { code: 'farmer', name: 'Фермер', nameKy: 'Фермер', nameEn: 'Farmer' },
  { code: 'municipal', name: 'Муниципальный специалист', nameKy: 'Муниципалдык адис', nameEn: 'Municipal specialist' },
  { code: 'other', name: 'Другое', nameKy: 'Башка', nameEn: 'Other' },
] as const;

/** The version of the consent text a reader signs now (152-ФЗ / Закон КР №58); kept with each consent. */
export const CURRENT_CONSENT_VERSION = '2026.1';

export const SEXES = ['f', 'm'] as const;
export const ZSex = z.enum(SEXES);

export const REGISTRATION_KINDS = ['registration', 're_registration'] as const;
export type TRegistrationKind = (typeof REGISTRATION_KINDS)[number];

export const ZDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'date' });
const ZPhone = z
  .string()
  .trim()
  .max(60)
  .regex(/^[+\d\s()\-,;]*$/, { message: 'phone' });
/** Card numbers are printed as Code 128 barcodes: letters, digits and hyphens. */
export const ZCardNumber = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, { message: 'card_number' });

const personFields = {
  surname: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  patronymic: z.string().trim().max(100).default(''),
  birthDate: ZDateString,
  sex: ZSex.nullable().default(null),
  categoryId: z.uuid(),
  phone: ZPhone.default(''),
  email: z.union([z.literal(''), z.email({ message: 'email' })]).default(''),
  address: z.string().trim().max(300).default(''),
  notes: z.string().trim().max(2000).default(''),
  guardianName: z.string().trim().max(200).default(''),
  guardianRelation: z.string().trim().max(100).default(''),
  guardianPhone: ZPhone.default(''),
};

interface PersonLike {
  birthDate: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
}

/** A reader under 14 needs a guardian (name, relation, phone): the guardian signs the consent. */
export function checkPerson(p: PersonLike, ctx: z.RefinementCtx, today = new Date()) {
  const birth = new Date(`${p.birthDate}T00:00:00Z`);
  if (Number.isNaN(birth.getTime())) return;
  if (birth > today) {
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'birth_date_future' });
    return;
  }
  if (birth.getUTCFullYear() < 1900) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'birth_date_past' });
  if (ageOn(p.birthDate, today) < GUARDIAN_REQUIRED_UNDER) {
    for (const field of ['guardianName', 'guardianRelation', 'guardianPhone'] as const) {
      if (!p[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'guardian_required' });
    }
  }
}

/** Changing a reader's data. */
export const ZReaderUpdate = z.object(personFields).superRefine((p, ctx) => checkPerson(p, ctx));
export type TReaderUpdate = z.infer<typeof ZReaderUpdate>;

/** Registering a new reader at a library: data, consent and (optionally) a pre-printed card number. */
export const ZReaderRegistration = z
  .object({
    ...personFields,
    libraryId: z.uuid(),
    cardNumber: ZCardNumber.optional(),
    consentGiven: z.boolean().refine((v) => v, { message: 'consent_required' }),
    consentVersion: z.string().trim().min(1).max(40).default(CURRENT_CONSENT_VERSION),
    consentDate: ZDateString.optional(),
    /** Register even though a reader with the same name and birth date exists. */
    allowDuplicate: z.boolean().default(false),
  })
  .superRefine((p, ctx) => checkPerson(p, ctx));
export type TReaderRegistration = z.infer<typeof ZReaderRegistration>;

export const ZReRegistration = z.object({ libraryId: z.uuid(), date: ZDateString.optional() });
export const ZBlock = z.object({ reason: z.string().trim().min(1).max(500) });

export const ZCategoryInput = z.object({
  /** The name in Russian; required, the others fall back to it. */
  name: z.string().trim().min(1).max(100),
  nameKy: z.string().trim().max(100).default(''),
  nameEn: z.string().trim().max(100).default(''),
  sortOrder: z.number().int().min(0).max(1000).default(100),
  isActive: z.boolean().default(true),
});
export type TCategoryInput = z.infer<typeof ZCategoryInput>;

/** A category's name in the given language, the Russian one when that is empty. */
export function categoryLabel(c: { name: string; nameKy?: string; nameEn?: string }, language: string): string {
  if (language === 'ky' && c.nameKy) return c.nameKy;
  if (language === 'en' && c.nameEn) return c.nameEn;
  return c.name;
}

export const AGE_GROUPS = ['upTo14', 'from15to30', 'over30'] as const;
export type TAgeGroup = (typeof AGE_GROUPS)[number];
export const ZAgeGroup = z.enum(AGE_GROUPS);
