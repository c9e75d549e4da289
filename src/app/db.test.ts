import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolderInUseError, LOCK_FILE } from './data-folder-lock';
import { openDatabase } from './db';

describe('the embedded database', () => {
  it('keeps its data folder across restarts and runs with small buffers for old computers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kitepkana-db-'));
    try {
      const first = await openDatabase({ dataDir: folder });
      await first.query('create table kept (word text)');
      await first.query(`insert into kept values ('китеп')`);
      await first.close();

      const again = await openDatabase({ dataDir: folder });
      expect(await again.query('select word from kept')).toEqual([{ word: 'китеп' }]);
      expect(await again.query('show shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
      await again.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is opened by one process at a time: another is refused with who holds it, a dead holder’s lock is taken over', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kitepkana-db-'));
    // Another Kitepkana process, as far as the lock can tell: a live node process holding the folder.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const first = await openDatabase({ dataDir: folder });
      await first.query('create table kept (word text)');
      await first.query(`insert into kept values ('китеп')`);
      await first.close();
      expect(existsSync(join(folder, LOCK_FILE))).toBe(false);

      writeFileSync(join(folder, LOCK_FILE), `${other.pid}\nstart\n2026-12-07T08:00:00.000Z\n`);
      const refused = await openDatabase({ dataDir: folder }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      expect((refused as Error).message).toContain(`pid ${other.pid}: kitepkana start, since 2026-12-07T08:00:00.000Z`);

      other.kill();
      await new Promise((done) => other.once('exit', done));
      const after = await openDatabase({ dataDir: folder });
      expect(await after.query('select word from kept')).toEqual([{ word: 'китеп' }]);
      expect(existsSync(join(folder, LOCK_FILE))).toBe(true);
      await after.close();
      expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    } finally {
      other.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
