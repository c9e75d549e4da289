/**
 * The reader's portal account: the password (set at the desk, through an e-mailed one-time link, or
 * changed by the reader), logging in with the card number, sessions, and the history opt-in. The
 * audit log names the reader by card number and never holds a password or its hash.
 */
import { verify } from '@node-rs/argon2';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import type { Mailer } from '../../app/mail';
import { hashToken, newToken } from '../../app/auth';
import { t } from '../../app/i18n';
import { writeAudit, type AuditActor } from '../../audit';
import type { TLanguage } from '../../staff/staff.schemas';
import { hashPassword } from '../../staff/staff.service';
import type { Reader } from '../readers.service';
import { readers } from '../readers.tables';
import { readerAccountSettings, readerPasswordTokens, readerSessions } from './account.tables';

/** How long an e-mailed link to set the password works. */
export const PASSWORD_LINK_HOURS = 24;

let dummyHash: Promise<string> | null = null;
/** Compared against when the card is unknown or has no password, so timing does not tell them apart. */
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-at-all'));

/** The reader as the audit log names them when they act on the portal. */
export const readerActor = (reader: Pick<Reader, 'cardNumber'>, ip = ''): AuditActor => ({
  id: null,
  login: `reader ${reader.cardNumber}`,
  ip,
});

const fullName = (r: Pick<Reader, 'surname' | 'firstName' | 'patronymic'>) => [r.surname, r.firstName, r.patronymic].filter(Boolean).join(' ');

async function storePassword(tx: Db, reader: Reader, password: string, now: Date) {
  await tx.update(readers).set({ passwordHash: await hashPassword(password), updatedAt: now }).where(eq(readers.id, reader.id));
}

/** A reader whose account may be used: not erased, not merged into another card. */
export function isAccountUsable(reader: Pick<Reader, 'isAnonymised' | 'mergedIntoId'>): boolean {
  return !reader.isAnonymised && !reader.mergedIntoId;
}

function refuseErased(reader: Reader) {
  if (!isAccountUsable(reader)) throw new AppError(409, 'reader_anonymised', 'readers.anonymised');
}

/**
 * Sets the password at the desk: the librarian types what the reader chose. Every session of the
 * reader ends, and outstanding links stop working.
 */
export async function setPasswordAtDesk(db: Db, actor: AuditActor, reader: Reader, password: string, libraryId: string | null, now = new Date()) {
  refuseErased(reader);
  await db.transaction(async (tx) => {
    await storePassword(tx, reader, password, now);
    await tx.delete(readerSessions).where(eq(readerSessions.readerId, reader.id));
    await tx.update(readerPasswordTokens).set({ usedAt: now }).where(and(eq(readerPasswordTokens.readerId, reader.id), isNull(readerPasswordTokens.usedAt)));
    await writeAudit(tx, actor, {
      action: 'reader.password_set',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      libraryId,
      summary: reader.cardNumber,
      after: { via: 'desk' },
    });
  });
}

export interface PasswordLinkOptions {
  /** scheme://host of the portal the link leads to. */
  origin: string;
  /** The e-mail's language: the one the reader uses on the portal, else this one. */
  lang: TLanguage;
  /** Write in `lang` even when the reader used another language on the portal (chosen at the desk, or the portal's page language). */
  isLangChosen?: boolean;
  libraryId: string | null;
  now?: Date;
}

/**
 * Sends the reader a one-time link to set their password. Refused without an e-mail address or when
 * mail is not configured (the desk then sets the password itself).
 */
export async function sendPasswordLink(db: Db, mail: Mailer, actor: AuditActor, reader: Reader, options: PasswordLinkOptions) {
  refuseErased(reader);
  if (!reader.email) throw new AppError(409, 'no_email', 'account.no_email');
  if (!mail.enabled) throw new AppError(409, 'mail_off', 'account.mail_off');
  const now = options.now ?? new Date();
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(readerPasswordTokens).values({
      tokenHash: hashToken(token),
      readerId: reader.id,
      expiresAt: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000),
      createdBy: actor.id,
      createdAt: now,
    });
    await writeAudit(tx, actor, {
      action: 'reader.password_link',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      libraryId: options.libraryId,
      summary: reader.cardNumber,
    });
  });
  const link = `${options.origin}/account/password/set?token=${encodeURIComponent(token)}`;
  const lang = options.isLangChosen ? options.lang : ((await readerLanguage(db, reader.id)) ?? options.lang);
  await mail.send({
    to: reader.email,
    subject: t(lang, 'account.mail_subject'),
    text: t(lang, 'account.mail_body', { name: fullName(reader), card: reader.cardNumber, link, hours: PASSWORD_LINK_HOURS }),
  });
  return { sentTo: reader.email };
}

/** The reader a link is for, while it is unused and not expired. */
export async function readerOfPasswordToken(db: Db, token: string, now = new Date()): Promise<Reader | null> {
  const rows = await db
    .select({ reader: readers })
    .from(readerPasswordTokens)
    .innerJoin(readers, eq(readers.id, readerPasswordTokens.readerId))
    .where(and(eq(readerPasswordTokens.tokenHash, hashToken(token)), isNull(readerPasswordTokens.usedAt), gt(readerPasswordTokens.expiresAt, now)));
  const reader = rows[0]?.reader ?? null;
  return reader && isAccountUsable(reader) ? reader : null;
}

/** Sets the password through a link; the link (and every other one of the reader) is used up. Null when it no longer works. */
export async function usePasswordToken(db: Db, token: string, password: string, ip = '', now = new Date()): Promise<Reader | null> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(readerPasswordTokens)
      .set({ usedAt: now })
      .where(and(eq(readerPasswordTokens.tokenHash, hashToken(token)), isNull(readerPasswordTokens.usedAt), gt(readerPasswordTokens.expiresAt, now)))
      .returning({ readerId: readerPasswordTokens.readerId });
    const readerId = claimed[0]?.readerId;
    if (!readerId) return null;
    const reader = (await tx.select().from(readers).where(eq(readers.id, readerId)))[0];
    if (!reader || !isAccountUsable(reader)) return null;
    await storePassword(tx, reader, password, now);
    await tx.update(readerPasswordTokens).set({ usedAt: now }).where(and(eq(readerPasswordTokens.readerId, reader.id), isNull(readerPasswordTokens.usedAt)));
    await tx.delete(readerSessions).where(eq(readerSessions.readerId, reader.id));
    await writeAudit(tx, readerActor(reader, ip), {
      action: 'reader.password_set',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      summary: reader.cardNumber,
      after: { via: 'link' },
    });
    return reader;
  });
}

/** The reader holding this card and password; null for an unknown card, no password or a wrong one alike. */
export async function verifyReaderLogin(db: Db, cardNumber: string, password: string): Promise<Reader | null> {
  const reader = (await db.select().from(readers).where(eq(readers.cardNumber, cardNumber.trim())))[0];
  const ok = await verify(reader?.passwordHash ?? (await dummy()), password).catch(() => false);
  return ok && reader?.passwordHash && isAccountUsable(reader) ? reader : null;
}

export async function createReaderSession(db: Db, readerId: string, days: number, ip: string, userAgent: string) {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(readerSessions).values({
    tokenHash: hashToken(token),
    readerId,
    csrfToken,
    expiresAt: new Date(Date.now() + days * 86400_000),
    ip,
    userAgent: userAgent.slice(0, 300),
  });
  return { token, csrfToken };
}

export interface ReaderSession {
  reader: Reader;
  csrfToken: string;
  tokenHash: string;
}

export async function findReaderSession(db: Db, token: string, now = new Date()): Promise<ReaderSession | null> {
  const tokenHash = hashToken(token);
  const rows = await db
    .select({ reader: readers, csrfToken: readerSessions.csrfToken })
    .from(readerSessions)
    .innerJoin(readers, eq(readers.id, readerSessions.readerId))
    .where(and(eq(readerSessions.tokenHash, tokenHash), gt(readerSessions.expiresAt, now)));
  const row = rows[0];
  if (!row || !isAccountUsable(row.reader) || !row.reader.passwordHash) return null;
  return { reader: row.reader, csrfToken: row.csrfToken, tokenHash };
}

export async function deleteReaderSession(db: Db, tokenHash: string) {
  await db.delete(readerSessions).where(eq(readerSessions.tokenHash, tokenHash));
}

/** The reader changes their own password: the current one is checked; other sessions end. False when it is wrong. */
export async function changeOwnPassword(db: Db, session: ReaderSession, current: string, next: string, ip = '', now = new Date()): Promise<boolean> {
  const { reader } = session;
  if (!reader.passwordHash || !(await verify(reader.passwordHash, current).catch(() => false))) return false;
  await db.transaction(async (tx) => {
    await storePassword(tx, reader, next, now);
    await tx.delete(readerSessions).where(and(eq(readerSessions.readerId, reader.id), ne(readerSessions.tokenHash, session.tokenHash)));
    await writeAudit(tx, readerActor(reader, ip), {
      action: 'reader.password_set',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      summary: reader.cardNumber,
      after: { via: 'reader' },
    });
  });
  return true;
}

/** Remembers the portal language the reader uses, so that e-mails to them are written in it. */
export async function rememberLanguage(db: Db, readerId: string, language: TLanguage) {
  await db
    .insert(readerAccountSettings)
    .values({ readerId, language })
    .onConflictDoUpdate({ target: readerAccountSettings.readerId, set: { language }, setWhere: sql`${readerAccountSettings.language} is distinct from excluded.language` });
}

/** The language the reader last used on the portal; null when they never have. */
export async function readerLanguage(db: Db, readerId: string): Promise<TLanguage | null> {
  const rows = await db.select({ language: readerAccountSettings.language }).from(readerAccountSettings).where(eq(readerAccountSettings.readerId, readerId));
  const language = rows[0]?.language;
  return language === 'ru' || language === 'ky' || language === 'en' ? language : null;
}

/** Since when the reader's past loans are shown to them: the moment they last opted in; null while they have not. */
export async function historyShownSince(db: Db, readerId: string): Promise<Date | null> {
  const rows = await db
    .select({ on: readerAccountSettings.isHistoryShown, since: readerAccountSettings.historySince, updatedAt: readerAccountSettings.updatedAt })
    .from(readerAccountSettings)
    .where(eq(readerAccountSettings.readerId, readerId));
  const row = rows[0];
  return row?.on ? (row.since ?? row.updatedAt) : null;
}

/**
 * The reader opts in to (or out of) seeing their past loans on the portal. Opting in shows the loans
 * from that moment on; what was recorded before the consent stays hidden, also after opting in again.
 */
export async function setHistoryShown(db: Db, reader: Reader, isShown: boolean, ip = '', now = new Date()) {
  await db.transaction(async (tx) => {
    const since = isShown ? sql`case when ${readerAccountSettings.isHistoryShown} then ${readerAccountSettings.historySince} else excluded.updated_at end` : null;
    await tx
      .insert(readerAccountSettings)
      .values({ readerId: reader.id, isHistoryShown: isShown, historySince: isShown ? now : null, updatedAt: now })
      .onConflictDoUpdate({
        target: readerAccountSettings.readerId,
        set: { isHistoryShown: isShown, historySince: since, updatedAt: sql`excluded.updated_at` },
      });
    await writeAudit(tx, readerActor(reader, ip), {
      action: 'reader.history_opt_in',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      summary: reader.cardNumber,
      after: { isHistoryShown: isShown },
    });
  });
}
