/** Photos of an event: bytes in the file store, the link and caption here. */
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { FileStore } from '../app/file-store';
import { writeAudit, type AuditActor } from '../audit';
import { eventPhotos } from './events.tables';
import type { EventRow } from './events.service';

export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];

export async function addEventPhoto(
  db: Db,
  files: FileStore,
  actor: AuditActor,
  event: EventRow,
  photo: { body: Readable; mediaType: PhotoMediaType; caption: string; fileName: string },
) {
  const stored = await files.put(photo.body, { mediaType: photo.mediaType, originalName: photo.fileName, createdBy: actor.id });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(eventPhotos)
      .values({ eventId: event.id, sha256: stored.sha256, mediaType: photo.mediaType, caption: photo.caption })
      .onConflictDoUpdate({ target: [eventPhotos.eventId, eventPhotos.sha256], set: { caption: photo.caption } })
      .returning();
    await writeAudit(tx, actor, {
      action: 'event.photo_add',
      objectType: 'event',
      objectId: event.id,
      networkId: event.networkId,
      libraryId: event.libraryId,
      summary: `${event.title}: ${photo.fileName}`,
      after: row,
    });
    return row!;
  });
}

export async function findEventPhoto(db: Db, eventId: string, sha256: string) {
  return (await db.select().from(eventPhotos).where(and(eq(eventPhotos.eventId, eventId), eq(eventPhotos.sha256, sha256))))[0] ?? null;
}

export async function removeEventPhoto(db: Db, actor: AuditActor, event: EventRow, sha256: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(eventPhotos)
      .where(and(eq(eventPhotos.eventId, event.id), eq(eventPhotos.sha256, sha256)))
      .returning();
    if (!gone) return false;
    await writeAudit(tx, actor, {
      action: 'event.photo_remove',
      objectType: 'event',
      objectId: event.id,
      networkId: event.networkId,
      libraryId: event.libraryId,
      summary: event.title,
      before: gone,
    });
    return true;
  });
}
