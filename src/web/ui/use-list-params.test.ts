/**
 * The search box's update that waits for typing to stop: never applied after the page was left (a scanned
 * barcode's Enter opening its record would lose ?tab=items), nor after it was cancelled.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingUpdate } from './use-list-params';

describe('pendingUpdate', () => {
  let path = '/staff/catalog';
  const here = () => path;
  beforeEach(() => {
    vi.useFakeTimers();
    path = '/staff/catalog';
  });
  afterEach(() => vi.useRealTimers());

  it('runs the last update once typing has stopped for the wait', () => {
    const pending = pendingUpdate(350, here);
    const run = vi.fn<(text: string) => void>();
    pending.schedule(() => run('9785'));
    vi.advanceTimersByTime(200);
    pending.schedule(() => run('978500'));
    vi.advanceTimersByTime(349);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run.mock.calls).toEqual([['978500']]);
  });

  it('drops the update when the page was left before it was due', () => {
    const pending = pendingUpdate(350, here);
    const run = vi.fn();
    pending.schedule(run);
    // Enter on a scanned barcode opened the copy's record, at its copies.
    path = '/staff/catalog/records/3f1c…';
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });

  it('drops the update when cancelled (Enter, leaving the page)', () => {
    const pending = pendingUpdate(350, here);
    const run = vi.fn();
    pending.schedule(run);
    pending.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
    // And schedules again afterwards.
    pending.schedule(run);
    vi.advanceTimersByTime(350);
    expect(run).toHaveBeenCalledOnce();
  });
});
