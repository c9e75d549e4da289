/**
 * Progress reporting for backup and restore. The logic only calls this interface; the CLI picks a
 * cli-progress bar on a terminal and one plain line per table otherwise (logs, cron mail, CI), all on
 * stderr so stdout stays free for the final summary.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  begin(tables: { name: string; rows: number }[]): void;
  advance(table: string, rows: number): void;
  tableDone(table: string, rows: number): void;
  /** A step that is not about rows (checking foreign keys, resetting sequences). */
  step(message: string): void;
  /** Called once, also on failure (ok = false), so a terminal gets its cursor back. */
  end(ok: boolean): void;
}

const rowsText = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

export const silentProgress: Progress = { begin() {}, advance() {}, tableDone() {}, step() {}, end() {} };

export function terminalProgress(verb: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return {
      begin(tables) {
        const rows = tables.reduce((n, t) => n + t.rows, 0);
        stream.write(`${verb}: ${tables.length} tables, ${rowsText(rows)}\n`);
      },
      advance() {},
      tableDone(table, rows) {
        stream.write(`  ${table}: ${rowsText(rows)}\n`);
      },
      step(message) {
        stream.write(`  ${message}\n`);
      },
      end() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${verb} |{bar}| {percentage}% {value}/{total} rows  {table}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    begin(tables) {
      // A database with no rows still gets a (full) bar rather than a division by zero.
      bar.start(
        Math.max(
          1,
          tables.reduce((n, t) => n + t.rows, 0),
        ),
        0,
        { table: '' },
      );
    },
    advance(table, rows) {
      bar.increment(rows, { table });
    },
    tableDone(table) {
      bar.update({ table });
    },
    step(message) {
      bar.update({ table: message });
    },
    end(ok) {
      if (ok) bar.update(bar.getTotal(), { table: 'done' });
      bar.stop();
    },
  };
}
