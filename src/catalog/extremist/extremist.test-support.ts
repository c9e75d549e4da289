/** Test pieces of the extremist-materials check: a list uploaded as a file, as the staff app sends it; a network to check. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq, type Session } from '../../test/factories';
import type { TestContext } from '../../test/harness';
import { items } from '../catalog.tables';
import { makeRecord } from '../interop/interop.test-support';

export async function uploadList(ctx: TestContext, session: Session, body: string, query = '') {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/catalog/extremist/lists${query}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(body, 'utf8'),
  });
}

/** A chair and a member: the smallest commission an act takes. */
export const COMMISSION = ['Директор — Смирнова А. А.', 'Библиограф — Кузнецова Е. В.'];

/**
 * A list uploaded (published 30.11.2026), a check of a network against it opened on 01.12.2026 by
 * `session`, and its matching run: the check's id and its matches (each with its record).
 */
export async function matchedCheck(ctx: TestContext, session: Session, networkId: string, list: string, query = '') {
  const http = client(ctx.app, session);
  const uploaded = await uploadList(ctx, session, list, `?publishedOn=2026-11-30${query}`);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const body = {
    networkId,
    listId: uploaded.json<{ id: string }>().id,
    checkedOn: '2026-12-01',
    commission: COMMISSION,
  };
  const created = await http.post('/api/v1/catalog/extremist/checks', body);
  expect(created.statusCode, created.body).toBe(201);
  const checkId = created.json<{ id: string }>().id;
  await ctx.app.jobs.runPending();
  const matches = (await http.get(`/api/v1/catalog/extremist/checks/${checkId}/matches`)).json<{
    items: { id: string; recordId: string }[];
  }>().items;
  return { checkId, matches };
}

/** A Russian network with a library and its cataloguer, and a way to catalogue records it holds. */
export async function checkedNetwork(ctx: TestContext) {
  const db = ctx.database.db;
  const network = await buildNetwork(db, { country: 'RU' });
  const library = await buildLibrary(db, network.id);
  const cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', network.id)).login);
  const http = client(ctx.app, cataloguer);
  /** A record with one copy on the shelf of the library (or `copies` of them). */
  const held = async (title: string, authors: string[] = [], copies = 1) => {
    const { id } = await makeRecord(db, { title, authors });
    for (let i = 0; i < copies; i++) {
      await db
        .insert(items)
        .values({
          recordId: id,
          libraryId: library.id,
          networkId: network.id,
          inventoryNumber: uniq('I'),
          barcode: uniq('B'),
          currency: 'RUB',
        });
    }
    return id;
  };
  /** Uploads a list and returns its id. */
  const list = async (text: string, query = '') => {
    const res = await uploadList(ctx, cataloguer, text, query);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  /** Starts a check of the network against a list and runs its matching (dated today: after any edition uploaded); returns the check's id. */
  const check = async (listId: string, checkedOn = new Date().toISOString().slice(0, 10)) => {
    const res = await http.post('/api/v1/catalog/extremist/checks', {
      networkId: network.id,
      listId,
      checkedOn,
      commission: COMMISSION,
    });
    expect(res.statusCode, res.body).toBe(201);
    await ctx.app.jobs.runPending();
    return res.json<{ id: string }>().id;
  };
  return { network, library, cataloguer, http, held, list, check };
}

/** The act's text as pdftotext -layout reads it (no-break spaces as spaces), or null without poppler. */
export function actText(pdf: Buffer): string | null {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-act-')), 'act.pdf');
  writeFileSync(file, pdf);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (text.error) {
    console.warn('pdftotext is absent (apt-get install poppler-utils): the act text is not checked');
    return null;
  }
  return text.stdout.replace(/\u00a0/g, ' ');
}
