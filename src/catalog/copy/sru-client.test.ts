/** CQL built from the cataloguer's fields, and SRU responses of every version and packing. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildCql, parseSearchResponse, searchSru, searchUrl, SruClientError } from './sru-client';
import { closedPort } from './ztest.test-support';

/** Why a call failed, as the client classifies it. */
function failureOf(call: () => unknown): string | null {
  try {
    call();
  } catch (error) {
    return error instanceof SruClientError ? error.failure : 'other';
  }
  return null;
}
async function failureOfAsync(call: Promise<unknown>): Promise<string | null> {
  return call.then(
    () => null,
    (error: unknown) => (error instanceof SruClientError ? error.failure : 'other'),
  );
}

const MARC = '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Джамиля &amp; другие</subfield></datafield></record>';

describe('SRU client', () => {
  it('builds CQL with quoted, escaped terms', () => {
    expect(buildCql({ title: 'Белый "пароход"*', author: '', isbn: '' })).toBe('dc.title all "Белый \\"пароход\\"\\*"');
    expect(buildCql({ title: '', author: 'Айтматов', isbn: '5-17-090853-x' })).toBe('dc.creator all "Айтматов" and dc.identifier="517090853X"');
  });

  it('puts the database in the path and the packing under the name of the version', () => {
    const t = { baseUrl: 'http://z.example.org:210/', database: 'Books', recordSchema: 'rusmarc', version: '2.0' };
    const url = new URL(searchUrl(t, 'dc.title=x', 1, 10));
    expect(url.pathname).toBe('/Books');
    expect(url.searchParams.get('recordXMLEscaping')).toBe('xml');
    expect(url.searchParams.get('recordSchema')).toBe('rusmarc');
  });

  it('reads SRU 2.0 with records packed as XML and as escaped strings, and diagnostics', () => {
    const escaped = MARC.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const xml = `<?xml version="1.0"?><s:searchRetrieveResponse xmlns:s="http://docs.oasis-open.org/ns/search-ws/sruResponse"><s:numberOfRecords>12</s:numberOfRecords><s:records>
      <s:record><s:recordSchema>marcxml</s:recordSchema><s:recordData>${MARC}</s:recordData><s:recordPosition>3</s:recordPosition></s:record>
      <s:record><s:recordSchema>marcxml</s:recordSchema><s:recordData>${escaped}</s:recordData><s:recordPosition>4</s:recordPosition></s:record>
      <s:record><s:recordData>&lt;broken</s:recordData><s:recordPosition>5</s:recordPosition></s:record>
      </s:records><s:diagnostics><diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"><diag:uri>info:srw/diagnostic/1/61</diag:uri><diag:message>First record position out of range</diag:message></diag:diagnostic></s:diagnostics></s:searchRetrieveResponse>`;
    const result = parseSearchResponse(xml, 3);
    expect(result.total).toBe(12);
    expect(result.records.map((r) => r.position)).toEqual([3, 4]);
    const title = (i: number) => JSON.stringify(result.records[i]!.marc.fields);
    expect(title(0)).toContain('Джамиля & другие');
    expect(title(1)).toContain('Джамиля & другие');
    expect(result.unreadable.map((u) => u.position)).toEqual([5]);
    expect(result.diagnostics).toEqual(['info:srw/diagnostic/1/61 First record position out of range']);
  });

  it('refuses what is not an SRU answer', () => {
    expect(() => parseSearchResponse('<html>nope</html>', 1)).toThrow(/not an SRU/);
    expect(failureOf(() => parseSearchResponse('<html>nope</html>', 1))).toBe('not_sru');
  });

  it('tells a refused connection from a server that does not answer in time', async () => {
    const target = (port: number) => ({ baseUrl: `http://127.0.0.1:${port}`, database: '', recordSchema: 'marcxml', version: '1.2' });
    expect(await failureOfAsync(searchSru(target(await closedPort()), 'dc.title=x', 1, 1))).toBe('refused');
    // Accepts the connection and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      expect(await failureOfAsync(searchSru(target((silent.address() as AddressInfo).port), 'dc.title=x', 1, 1, 200))).toBe('timeout');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
