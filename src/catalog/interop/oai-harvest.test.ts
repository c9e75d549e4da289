/**
 * OAI-PMH judged by a real harvester: Debian's `oai_pmh` (libhttp-oai-perl) harvests the whole
 * repository across resumption tokens, one library's set, and sees deleted records as deleted.
 * Every answer the harvester got is also checked against OAI-PMH.xsd in oai.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { buildLibrary, buildNetwork, uniq } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { items } from '../catalog.tables';
import { deleteRecord, findRecord } from '../records.service';
import { expectValidXml, makeRecord } from './interop.test-support';
import { OAI_PAGE_SIZE } from './oai';

const missing = spawnSync('oai_pmh', ['--help']).error ? 'oai_pmh is not on PATH (apt-get install libhttp-oai-perl)' : null;
if (missing) console.warn(`OAI-PMH harvester test SKIPPED: ${missing}`);

/** Runs the harvester; resolves with what it printed (one block per record, separated by form feeds). */
function harvest(args: string[], command = 'oai_pmh'): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(command, args);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('close', (code) => resolve({ out, err, code }));
  });
}

/**
 * The oai_pmh script cannot print sets or Identify (it treats a set as a record), so those go through
 * the same harvester library, HTTP::OAI, directly.
 */
const HARVESTER_LIBRARY = `
  use HTTP::OAI;
  my ($verb, $url) = @ARGV;
  my $h = HTTP::OAI::Harvester->new(baseURL => $url);
  if ($verb eq 'ListSets') {
    my $r = $h->ListSets;
    die $r->message, "\\n" unless $r->is_success;
    while (my $s = $r->next) { print $s->setSpec, "\\t", $s->setName, "\\n"; }
  } else {
    my $r = $h->Identify;
    die $r->message, "\\n" unless $r->is_success;
    print "deletedRecord: ", $r->deletedRecord, "\\n", "granularity: ", $r->granularity, "\\n";
  }
`;
const perlHarvest = (verb: string, url: string) => harvest(['-e', HARVESTER_LIBRARY, verb, url], 'perl');

const blocks = (out: string) => out.split('\f').map((b) => b.trim()).filter(Boolean);

describeOnEachDatabase('OAI-PMH harvested by oai_pmh', (ctx) => {
  let base = '';
  const inBranch: string[] = [];
  let deletedId = '';
  let branchCode = '';
  let branchSetName = '';
  const total = OAI_PAGE_SIZE + 30;

  beforeAll(async () => {
    if (missing) return;
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const branch = await buildLibrary(db, network.id);
    branchCode = branch.code;
    // The network's name too: each network of a region has its "Филиал № 3".
    branchSetName = `${network.name} — ${branch.name}`;
    const copy = (recordId: string, status: 'available' | 'written_off' = 'available') =>
      db.insert(items).values({ recordId, libraryId: branch.id, networkId: network.id, inventoryNumber: uniq('I'), barcode: uniq('B'), currency: 'KGS', status });
    for (let i = 0; i < total - 1; i++) {
      const record = await makeRecord(db, { title: `Китеп ${i}`, authors: ['Автор, А.'], year: 2000 + (i % 20) });
      if (i % 10 === 0) {
        await copy(record.id);
        inBranch.push(record.id);
      }
    }
    const doomed = await makeRecord(db, { title: 'Списанная книга' });
    await copy(doomed.id, 'written_off');
    await deleteRecord(db, SYSTEM_ACTOR, (await findRecord(db, doomed.id))!);
    deletedId = doomed.id;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/oai`;
  });

  it.skipIf(missing)('harvests every record across resumption tokens, the deleted one as deleted', async () => {
    const { out, err, code } = await harvest(['-X', 'ListRecords', '--metadataPrefix', 'oai_dc', base]);
    expect(code, err).toBe(0);
    const records = blocks(out);
    expect(records).toHaveLength(total);
    const deleted = records.filter((b) => /status:\s*deleted/i.test(b));
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toContain(deletedId);
    expect(records.filter((b) => b.includes('<dc:title>Китеп 7</dc:title>'))).toHaveLength(1);
  });

  it.skipIf(missing)('harvests identifiers in marc21', async () => {
    const { out, err, code } = await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'marc21', base]);
    expect(code, err).toBe(0);
    expect(blocks(out)).toHaveLength(total);
  });

  it.skipIf(missing)("lists the libraries as sets and harvests one library's set", async () => {
    const sets = await perlHarvest('ListSets', base);
    expect(sets.code, sets.err).toBe(0);
    expect(sets.out).toMatch(new RegExp(`^${branchCode}\\t.+$`, 'm'));
    const { out, err, code } = await harvest(['-X', 'ListRecords', '--metadataPrefix', 'oai_dc', '--set', branchCode, base]);
    expect(code, err).toBe(0);
    const records = blocks(out);
    expect(records).toHaveLength(inBranch.length + 1);
    for (const id of [...inBranch, deletedId]) expect(records.some((b) => b.includes(id)), id).toBe(true);
    const listSets = await (await fetch(`${base}?verb=ListSets`)).text();
    expectValidXml(listSets, 'oai');
    expect(listSets).toContain(`<set><setSpec>${branchCode}</setSpec><setName>${branchSetName}</setName></set>`);
    const xml = await (await fetch(`${base}?verb=ListIdentifiers&metadataPrefix=oai_dc&set=${branchCode}`)).text();
    expectValidXml(xml, 'oai');
    expect(xml).toContain(`<setSpec>${branchCode}</setSpec>`);
    expect(xml).toMatch(new RegExp(`<header status="deleted"><identifier>[^<]+${deletedId}</identifier><datestamp>[^<]+</datestamp><setSpec>${branchCode}</setSpec></header>`));
  });

  it.skipIf(missing)('Identify promises persistent deleted records', async () => {
    const { out, err, code } = await perlHarvest('Identify', base);
    expect(code, err).toBe(0);
    expect(out).toContain('deletedRecord: persistent');
  });
});
