/**
 * The background side of an import started from the staff app: the uploaded file is read from the
 * file store; progress is bytes of the file; after each committed batch a checkpoint is saved, so a
 * restarted server resumes the import where it stopped.
 */
import { Transform } from 'node:stream';
import type { FileStore } from '../../app/file-store';
import type { JobContext } from '../../app/jobs';
import { findLibrary, findNetwork } from '../../network';
import type { TLanguage } from '../../staff/staff.schemas';
import type { EncodingOption } from '../marc';
import { emptySummary, importMarc, type ImportSummary } from './import.service';
import type { MatchMode } from './match';
import type { ContainerOption, SchemaOption } from './sources';

export const IMPORT_JOB = 'catalog.import';

export interface ImportJobPayload {
  [key: string]: unknown;
  sha256: string;
  size: number;
  fileName: string;
  libraryId: string | null;
  container: ContainerOption;
  schema: SchemaOption;
  encoding: EncodingOption;
  match: MatchMode;
  /** Absent in jobs queued before the option existed. */
  replace?: boolean;
  language: TLanguage;
  actorId: string;
  actorLogin: string;
}

interface ImportCheckpoint {
  nextIndex: number;
  summary: ImportSummary;
}

export function importJobHandler(files: FileStore, gatherStatistics: boolean) {
  return async ({ db, job, reportProgress, saveCheckpoint }: JobContext) => {
    const p = job.payload as ImportJobPayload;
    const checkpoint = job.checkpoint as ImportCheckpoint | null;
    const library = p.libraryId ? await findLibrary(db, p.libraryId) : null;
    const network = library ? await findNetwork(db, library.networkId) : null;
    let bytes = 0;
    const counted = files.open(p.sha256).pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    const message = (s: ImportSummary) => `${s.read} / ${s.created} / ${s.matched} / ${s.rejected}`;
    return importMarc(
      db,
      { id: p.actorId, login: p.actorLogin },
      counted,
      {
        container: p.container,
        schema: p.schema,
        encoding: p.encoding,
        match: p.match,
        replace: p.replace ?? false,
        library,
        currency: network?.country === 'RU' ? 'RUB' : 'KGS',
        language: p.language,
        resumeFrom: checkpoint?.nextIndex ?? 0,
        gatherStatistics,
        onProgress: (s) => reportProgress(Math.min(bytes, p.size), p.size, message(s)),
        onCommitted: (nextIndex, s) => saveCheckpoint({ nextIndex, summary: s }),
      },
      checkpoint?.summary ?? emptySummary(),
    );
  };
}
