/** Cooperation agreements with partners: dates, number, and the signed scan kept in the file store. */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError } from '../app/errors';
import { writeAudit, type AuditActor } from '../audit';
import { findLibrary, libraries } from '../network';
import type { TAgreementInput } from './partners.schemas';
import type { Partner } from './partners.service';
import { partnerAgreements } from './partners.tables';

export type Agreement = typeof partnerAgreements.$inferSelect;

export async function findAgreement(db: Db, id: string): Promise<Agreement | null> {
  return (await db.select().from(partnerAgreements).where(eq(partnerAgreements.id, id)))[0] ?? null;
}

export async function listAgreements(db: Db, partnerId: string) {
  return db
    .select({
      id: partnerAgreements.id,
      partnerId: partnerAgreements.partnerId,
      libraryId: partnerAgreements.libraryId,
      libraryName: libraries.name,
      number: partnerAgreements.number,
      title: partnerAgreements.title,
      signedOn: partnerAgreements.signedOn,
      validUntil: partnerAgreements.validUntil,
      fileSha256: partnerAgreements.fileSha256,
      fileName: partnerAgreements.fileName,
      note: partnerAgreements.note,
    })
    .from(partnerAgreements)
    .leftJoin(libraries, eq(libraries.id, partnerAgreements.libraryId))
    .where(eq(partnerAgreements.partnerId, partnerId))
    .orderBy(desc(partnerAgreements.signedOn), asc(partnerAgreements.id));
}

async function checkLibrary(db: Db, partner: Partner, libraryId: string | null) {
  if (!libraryId) return;
  const library = await findLibrary(db, libraryId);
  if (!library || library.networkId !== partner.networkId) {
    throw new AppError(422, 'validation_failed', 'error.validation', [
      { field: 'libraryId', code: 'other_network', key: 'validation.other_network' },
    ]);
  }
}

export async function createAgreement(db: Db, actor: AuditActor, partner: Partner, input: TAgreementInput) {
  await checkLibrary(db, partner, input.libraryId);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(partnerAgreements).values({ ...input, partnerId: partner.id }).returning();
    await writeAudit(tx, actor, {
      action: 'agreement.create',
      objectType: 'agreement',
      objectId: row!.id,
      networkId: partner.networkId,
      libraryId: input.libraryId,
      summary: `${partner.name}: ${input.title}`,
      after: row,
    });
    return row!;
  });
}

export async function updateAgreement(db: Db, actor: AuditActor, partner: Partner, before: Agreement, input: TAgreementInput) {
  await checkLibrary(db, partner, input.libraryId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnerAgreements)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(partnerAgreements.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'agreement.update',
      objectType: 'agreement',
      objectId: before.id,
      networkId: partner.networkId,
      libraryId: input.libraryId,
      summary: `${partner.name}: ${input.title}`,
      before,
      after: row,
    });
    return row!;
  });
}

/** Attaches a stored file (already put into the file store) to an agreement, replacing an earlier one. */
export async function attachAgreementFile(
  db: Db,
  actor: AuditActor,
  partner: Partner,
  before: Agreement,
  file: { sha256: string; fileName: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnerAgreements)
      .set({ fileSha256: file.sha256, fileName: file.fileName, updatedAt: new Date() })
      .where(eq(partnerAgreements.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'agreement.file',
      objectType: 'agreement',
      objectId: before.id,
      networkId: partner.networkId,
      libraryId: before.libraryId,
      summary: `${partner.name}: ${file.fileName}`,
      before: { fileSha256: before.fileSha256, fileName: before.fileName },
      after: { fileSha256: file.sha256, fileName: file.fileName },
    });
    return row!;
  });
}
