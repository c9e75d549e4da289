/**
 * The content-addressed file store: bytes live under `<data>/files/ab/cd/<sha256>`, metadata in the
 * `stored_files` table. Kept behind this small interface so an S3-compatible store can be added.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Db } from './db';
import { storedFiles } from './jobs.tables';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStore {
  put(source: Readable, meta: { mediaType?: string; originalName?: string; createdBy?: string | null }): Promise<StoredFile>;
  open(sha256: string): Readable;
  exists(sha256: string): Promise<boolean>;
}

export class LocalFileStore implements FileStore {
  constructor(
    private readonly root: string,
    private readonly db: Db,
  ) {}

  private pathOf(sha256: string) {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, meta: { mediaType?: string; originalName?: string; createdBy?: string | null }) {
    await mkdir(this.root, { recursive: true });
    const temp = join(this.root, `.upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, counter, createWriteStream(temp));
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (existsSync(target)) await rm(temp);
      else {
        await mkdir(join(target, '..'), { recursive: true });
        await rename(temp, target);
      }
      await this.db
        .insert(storedFiles)
        .values({ sha256, size, mediaType: meta.mediaType ?? 'application/octet-stream', originalName: meta.originalName ?? '', createdBy: meta.createdBy ?? null })
        .onConflictDoNothing();
      return { sha256, size };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  open(sha256: string): Readable {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a sha256');
    return createReadStream(this.pathOf(sha256));
  }

  async exists(sha256: string) {
    return /^[0-9a-f]{64}$/.test(sha256) && (await stat(this.pathOf(sha256)).then(() => true, () => false));
  }
}
