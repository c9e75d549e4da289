/** OAI-PMH at /oai: every verb and error, resumption across pages, from/until, deleted records, the XSD. */
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { describeOnEachDatabase } from '../../test/harness';
import { deleteRecord, findRecord } from '../records.service';
import { expectValidXml, makeCatalogue, makeRecord } from './interop.test-support';
import { OAI_PAGE_SIZE } from './oai';

const EXTRA = OAI_PAGE_SIZE + 10;

describeOnEachDatabase('OAI-PMH', (ctx) => {
  let records: Awaited<ReturnType<typeof makeCatalogue>>;
  let deletedId: string;
  const total = () => 4 + 1 + EXTRA;

  beforeAll(async () => {
    const { db } = ctx.database;
    records = await makeCatalogue(db);
    const doomed = await makeRecord(db, { title: 'Списанная книга', authors: ['Иванов, И. И.'] });
    await deleteRecord(db, SYSTEM_ACTOR, (await findRecord(db, doomed.id))!);
    deletedId = doomed.id;
    for (let i = 0; i < EXTRA; i++) await makeRecord(ctx.database.db, { title: `Сборник ${i}`, year: 2000 + (i % 20) });
    // Known datestamps for from/until: the four catalogue records in 2020, the rest stay "now".
    await ctx.database.query(
      `update bib_records set updated_at = '2020-03-01T10:00:00Z' where id = '${records.parohod.id}'`,
    );
    await ctx.database.query(
      `update bib_records set updated_at = '2020-03-01T12:30:15.5Z' where id = '${records.jamila.id}'`,
    );
    await ctx.database.query(
      `update bib_records set updated_at = '2020-03-02T00:00:00Z' where id = '${records.war.id}'`,
    );
    await ctx.database.query(
      `update bib_records set updated_at = '2020-04-01T00:00:00Z' where id = '${records.don.id}'`,
    );
  });

  async function oai(query: Record<string, string | string[]>, method: 'GET' | 'POST' = 'GET') {
    const response =
      method === 'GET'
        ? await ctx.app.inject({ method, url: '/oai', query })
        : await ctx.app.inject({
            method,
            url: '/oai',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams(query as Record<string, string>).toString(),
          });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    expectValidXml(response.body, 'oai');
    return response.body;
  }

  const errorOf = (xml: string) => /<error code="(\w+)"/.exec(xml)?.[1];
  const identifiers = (xml: string) =>
    [...xml.matchAll(/<identifier>oai:[^:]+:([^<]+)<\/identifier>/g)].map((m) => m[1]!);
  const tokenOf = (xml: string) => /<resumptionToken[^>]*>([^<]*)<\/resumptionToken>/.exec(xml);

  it('Identify', async () => {
    const xml = await oai({ verb: 'Identify' });
    expect(xml).toContain('<request verb="Identify">http://localhost:80/oai</request>');
    expect(xml).toContain('<protocolVersion>2.0</protocolVersion>');
    expect(xml).toContain('<deletedRecord>persistent</deletedRecord>');
    expect(xml).toContain('<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>');
    expect(xml).toContain('<earliestDatestamp>2020-03-01T10:00:00Z</earliestDatestamp>');
  });

  it('names records the same whatever host name a harvester reaches it by', async () => {
    const list = async (host: string) =>
      (await ctx.app.inject({ method: 'GET', url: '/oai', query: { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' }, headers: { host } })).body;
    const byName = await list('opac.example.kg');
    expect(byName).toContain(`<identifier>oai:kitepkana.local:${records.parohod.id}</identifier>`);
    expect((await list('127.0.0.1:3000')).replace(/<responseDate>[^<]*<\/responseDate>|<request[^>]*>[^<]*<\/request>/g, '')).toBe(
      byName.replace(/<responseDate>[^<]*<\/responseDate>|<request[^>]*>[^<]*<\/request>/g, ''),
    );
  });

  it('ListMetadataFormats, for the repository and for one record', async () => {
    const xml = await oai({ verb: 'ListMetadataFormats' });
    expect(xml).toContain('<metadataPrefix>oai_dc</metadataPrefix>');
    expect(xml).toContain('<metadataPrefix>marc21</metadataPrefix>');
    expect(await oai({ verb: 'ListMetadataFormats', identifier: `oai:kitepkana.local:${records.war.id}` })).toContain(
      '<metadataPrefix>marc21</metadataPrefix>',
    );
    expect(
      errorOf(
        await oai({ verb: 'ListMetadataFormats', identifier: 'oai:kitepkana.local:00000000-0000-0000-0000-000000000000' }),
      ),
    ).toBe('idDoesNotExist');
  });

  it('ListSets without libraries: no set hierarchy; an unknown set matches nothing, a malformed one is refused', async () => {
    expect(errorOf(await oai({ verb: 'ListSets' }))).toBe('noSetHierarchy');
    expect(errorOf(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'x' }))).toBe('noRecordsMatch');
    expect(errorOf(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'a b' }))).toBe('badArgument');
  });

  it('GetRecord in oai_dc and marc21 (RUSMARC crosswalked), over GET and POST', async () => {
    const dc = await oai({
      verb: 'GetRecord',
      identifier: `oai:kitepkana.local:${records.parohod.id}`,
      metadataPrefix: 'oai_dc',
    });
    expect(dc).toContain(
      `<identifier>oai:kitepkana.local:${records.parohod.id}</identifier><datestamp>2020-03-01T10:00:00Z</datestamp>`,
    );
    expect(dc).toContain('<dc:title>Белый пароход</dc:title>');
    const marc = await oai(
      { verb: 'GetRecord', identifier: `oai:kitepkana.local:${records.parohod.id}`, metadataPrefix: 'marc21' },
      'POST',
    );
    expect(marc).toMatch(/<metadata><record xmlns="http:\/\/www.loc.gov\/MARC21\/slim"><leader>.{20}4500<\/leader>/);
    expect(marc).toMatch(/<datafield tag="245"[^>]*><subfield code="a">Белый пароход/);
  });

  it('reports a deleted record with status="deleted" and no metadata', async () => {
    const xml = await oai({ verb: 'GetRecord', identifier: `oai:kitepkana.local:${deletedId}`, metadataPrefix: 'oai_dc' });
    expect(xml).toContain('<header status="deleted">');
    expect(xml).not.toContain('<metadata>');
    const list = await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
    expect(list).toMatch(new RegExp(`<header status="deleted"><identifier>oai:kitepkana.local:${deletedId}</identifier>`));
  });

  it('pages ListRecords with resumption tokens until the list is complete', async () => {
    const first = await oai({ verb: 'ListRecords', metadataPrefix: 'oai_dc' });
    expect(first.match(/<record>/g)).toHaveLength(OAI_PAGE_SIZE);
    const token = tokenOf(first);
    expect(first).toContain(`<resumptionToken completeListSize="${total()}" cursor="0">`);
    const second = await oai({ verb: 'ListRecords', resumptionToken: token![1]! });
    expect(second).toContain(
      `<resumptionToken completeListSize="${total()}" cursor="${OAI_PAGE_SIZE}"></resumptionToken>`,
    );
    const all = [...identifiers(first), ...identifiers(second)];
    expect(all).toHaveLength(total());
    expect(new Set(all).size).toBe(total());
    // Oldest first: the 2020 records lead.
    expect(all.slice(0, 4)).toEqual([records.parohod.id, records.jamila.id, records.war.id, records.don.id]);
    const ids = await oai({ verb: 'ListIdentifiers', resumptionToken: token![1]! });
    expect(identifiers(ids)).toEqual(identifiers(second));
  });

  it('selects by from and until, at day and second granularity', async () => {
    const ids = async (q: Record<string, string>) =>
      identifiers(await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', ...q }));
    expect(await ids({ from: '2020-03-01', until: '2020-03-01' })).toEqual([records.parohod.id, records.jamila.id]);
    expect(await ids({ from: '2020-03-01T12:30:15Z', until: '2020-03-02T00:00:00Z' })).toEqual([
      records.jamila.id,
      records.war.id,
    ]);
    expect(await ids({ from: '2020-03-01T10:00:01Z', until: '2020-03-01T12:30:15Z' })).toEqual([records.jamila.id]);
    expect(await ids({ until: '2020-12-31' })).toHaveLength(4);
    const recent = await oai({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2021-01-01' });
    expect(recent).toContain(`completeListSize="${total() - 4}"`);
    expect(identifiers(recent)).not.toContain(records.parohod.id);
    expect(
      errorOf(await oai({ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2019-01-01', until: '2019-12-31' })),
    ).toBe('noRecordsMatch');
  });

  it('answers every error', async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{}, 'badVerb'],
      [{ verb: 'Harvest' }, 'badVerb'],
      [{ verb: ['Identify', 'Identify'] }, 'badVerb'],
      [{ verb: 'Identify', extra: 'x' }, 'badArgument'],
      [{ verb: 'ListRecords' }, 'badArgument'],
      [{ verb: 'GetRecord', identifier: 'oai:x:y' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2020-13-01' }, 'badArgument'],
      [
        { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2020-01-01', until: '2020-02-01T00:00:00Z' },
        'badArgument',
      ],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2021-01-01', until: '2020-01-01' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: ['oai_dc', 'marc21'] }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'oai_dc', resumptionToken: 'x' }, 'badArgument'],
      [{ verb: 'ListRecords', metadataPrefix: 'mods' }, 'cannotDisseminateFormat'],
      [
        {
          verb: 'GetRecord',
          identifier: `oai:kitepkana.local:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`,
          metadataPrefix: 'oai_dc',
        },
        'idDoesNotExist',
      ],
      [{ verb: 'GetRecord', identifier: 'not-an-identifier', metadataPrefix: 'oai_dc' }, 'idDoesNotExist'],
      [{ verb: 'ListRecords', resumptionToken: 'garbage' }, 'badResumptionToken'],
      [
        { verb: 'ListIdentifiers', resumptionToken: Buffer.from('{"metadataPrefix":"oai_dc"}').toString('base64url') },
        'badResumptionToken',
      ],
      [{ verb: 'ListSets', resumptionToken: 'x' }, 'badResumptionToken'],
    ];
    for (const [query, code] of cases) {
      const xml = await oai(query);
      expect(errorOf(xml), JSON.stringify(query)).toBe(code);
      if (code === 'badVerb' || code === 'badArgument')
        expect(xml).toContain('<request>http://localhost:80/oai</request>');
    }
    const wrongFormat = await oai({
      verb: 'GetRecord',
      identifier: `oai:kitepkana.local:${records.war.id}`,
      metadataPrefix: 'mods',
    });
    expect(errorOf(wrongFormat)).toBe('cannotDisseminateFormat');
  });
});

describeOnEachDatabase(
  'OAI-PMH with a configured repository identifier',
  (ctx) => {
    it('uses it in identifiers and Identify', async () => {
      const record = await makeRecord(ctx.database.db, { title: 'Манас' });
      const get = await ctx.app.inject({
        method: 'GET',
        url: '/oai',
        query: { verb: 'GetRecord', identifier: `oai:lib.example.kg:${record.id}`, metadataPrefix: 'oai_dc' },
      });
      expect(get.body).toContain(`<identifier>oai:lib.example.kg:${record.id}</identifier>`);
      expectValidXml(get.body, 'oai');
      const identify = await ctx.app.inject({ method: 'GET', url: '/oai?verb=Identify' });
      expect(identify.body).toContain('<adminEmail>oai@example.kg</adminEmail>');
    });
  },
  { config: { KITEPKANA_OAI_ID: 'lib.example.kg', KITEPKANA_ADMIN_EMAIL: 'oai@example.kg' } },
);
