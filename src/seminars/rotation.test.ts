/** Properties of the host rotation: every branch hosts once before any hosts twice; municipalities take turns. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostedInCurrentRound, proposeHosts, spreadDates, type RotationBranch } from './rotation';

/** 1-15 branches spread over 1-6 municipalities (some branches without one). */
const arbBranches = fc
  .tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 6 }))
  .chain(([n, m]) =>
    fc.array(fc.option(fc.integer({ min: 0, max: m - 1 }), { nil: null, freq: 8 }), { minLength: n, maxLength: n }).map((munis) =>
      munis.map((muni, i): RotationBranch => ({ id: `b${i}`, municipality: muni === null ? null : `m${muni}`, order: i + 1 })),
    ),
  );

/** A history that obeyed the rule: whole rounds in any order, then part of a round. */
const arbFairHistory = (branches: RotationBranch[]) =>
  fc
    .tuple(
      fc.array(fc.shuffledSubarray(branches.map((b) => b.id), { minLength: branches.length, maxLength: branches.length }), { maxLength: 3 }),
      fc.shuffledSubarray(branches.map((b) => b.id), { minLength: 0, maxLength: branches.length - 1 }),
    )
    .map(([rounds, partial]) => [...rounds.flat(), ...partial]);

const muniOf = (b: RotationBranch) => b.municipality ?? `branch:${b.id}`;

describe('seminar host rotation', () => {
  it('from no history: every block of N proposals (N = branches) is each branch exactly once', () => {
    fc.assert(
      fc.property(arbBranches, fc.integer({ min: 1, max: 40 }), (branches, count) => {
        const hosts = proposeHosts(branches, [], count);
        expect(hosts).toHaveLength(count);
        for (let start = 0; start < hosts.length; start += branches.length) {
          const block = hosts.slice(start, start + branches.length);
          expect(new Set(block).size).toBe(block.length);
        }
        const counts = branches.map((b) => hosts.filter((h) => h === b.id).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('no branch hosts twice before all have hosted once, continuing any fair history', () => {
    fc.assert(
      fc.property(
        arbBranches.chain((branches) => fc.tuple(fc.constant(branches), arbFairHistory(branches), fc.integer({ min: 1, max: 30 }))),
        ([branches, history, count]) => {
          const all = [...history, ...proposeHosts(branches, history, count)];
          for (let start = 0; start < all.length; start += branches.length) {
            const round = all.slice(start, start + branches.length);
            expect(new Set(round).size, `round at ${start}: ${round.join(',')}`).toBe(round.length);
          }
        },
      ),
    );
  });

  it('after an edited plan (any history, even with repeats) the branches still waiting in the round come first', () => {
    fc.assert(
      fc.property(
        arbBranches.chain((branches) =>
          fc.tuple(fc.constant(branches), fc.array(fc.constantFrom(...branches.map((b) => b.id)), { maxLength: 40 }), fc.integer({ min: 1, max: 20 })),
        ),
        ([branches, history, count]) => {
          const hosted = hostedInCurrentRound(branches, history);
          const waiting = branches.length - hosted.size;
          const hosts = proposeHosts(branches, history, count);
          const firstPart = hosts.slice(0, waiting);
          expect(firstPart.every((h) => !hosted.has(h))).toBe(true);
          expect(new Set(firstPart).size).toBe(firstPart.length);
        },
      ),
    );
  });

  it('municipalities take turns: a municipality hosts again in a round only when no other with waiting branches has hosted less', () => {
    fc.assert(
      fc.property(arbBranches, fc.integer({ min: 1, max: 40 }), (branches, count) => {
        const byId = new Map(branches.map((b) => [b.id, b]));
        const hosts = proposeHosts(branches, [], count);
        for (let start = 0; start < hosts.length; start += branches.length) {
          const round = hosts.slice(start, start + branches.length).map((id) => byId.get(id)!);
          const counts = new Map<string, number>();
          round.forEach((b, i) => {
            const waitingMunis = new Set(branches.filter((x) => !round.slice(0, i).includes(x)).map(muniOf));
            const least = Math.min(...[...waitingMunis].map((m) => counts.get(m) ?? 0));
            expect(counts.get(muniOf(b)) ?? 0).toBe(least);
            counts.set(muniOf(b), (counts.get(muniOf(b)) ?? 0) + 1);
          });
        }
      }),
    );
  });

  it('is deterministic and ignores hosts that are no longer branches', () => {
    fc.assert(
      // Strangers are never a branch's id (b0, b1, …): a random "b1" would be a branch after all.
      fc.property(arbBranches, fc.array(fc.string().map((s) => `gone-${s}`), { maxLength: 5 }), (branches, strangers) => {
        expect(proposeHosts(branches, strangers, 5)).toEqual(proposeHosts(branches, [], 5));
      }),
    );
  });

  it('Kemin: two seminars a year, after Подгорное (2010) the next hosts come from other айыл окмоту', () => {
    const branches: RotationBranch[] = [
      { id: 'podgornoe', municipality: 'kyzyl-oktyabr', order: 21 },
      { id: 'dorozhnoe', municipality: 'kyzyl-oktyabr', order: 30 },
      { id: 'kemin', municipality: 'kemin', order: 1 },
      { id: 'ak-tuz', municipality: 'ak-tuz', order: 5 },
    ];
    const hosts = proposeHosts(branches, ['podgornoe'], 3);
    expect(hosts.slice(0, 2).sort()).toEqual(['ak-tuz', 'kemin']);
    expect(hosts[2]).toBe('dorozhnoe');
    expect(proposeHosts([], ['x'], 2)).toEqual([]);
  });

  it('spreads seminar dates over the year', () => {
    expect(spreadDates(2026, 2)).toEqual(['2026-04-15', '2026-10-15']);
    expect(spreadDates(2026, 1)).toEqual(['2026-07-15']);
    expect(spreadDates(2026, 12)).toHaveLength(12);
  });
});
