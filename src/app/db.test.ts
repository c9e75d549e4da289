import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
