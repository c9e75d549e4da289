/** A small network for the municipal tests: two municipalities, staff, an official each, a record. */
import type { Db } from '../app/db';
import type { App } from '../app/http';
import { buildLibrary, buildMunicipality, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';

export async function buildMunicipalNetwork(db: Db, app: App, lang?: string) {
  const network = await buildNetwork(db);
  const central = await buildLibrary(db, network.id, { kind: 'central', number: null });
  const branch = await buildLibrary(db, network.id, { number: 1 });
  const other = await buildLibrary(db, network.id, { number: 2 });
  const muni = await buildMunicipality(db, network.id, [branch.id]);
  const otherMuni = await buildMunicipality(db, network.id, [other.id]);
  const bibliographer = await buildStaff(db, 'librarian', 'library', central.id, { libraryId: central.id, fullName: uniq('Библиограф ') });
  const director = await buildStaff(db, 'director', 'network', network.id);
  const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id);
  const official = await buildStaff(db, 'municipal_official', 'municipality', muni.id, { fullName: uniq('Глава '), email: `${uniq('head')}@example.kg` });
  const otherOfficial = await buildStaff(db, 'municipal_official', 'municipality', otherMuni.id);
  const sessions = {
    bibliographer: await login(app, bibliographer.login),
    director: await login(app, director.login),
    cataloguer: await login(app, cataloguer.login),
    official: await login(app, official.login),
    otherOfficial: await login(app, otherOfficial.login),
  };
  return {
    network,
    sessions,
    central,
    branch,
    other,
    muni,
    otherMuni,
    bibliographer,
    official,
    http: {
      bibliographer: client(app, sessions.bibliographer, lang),
      director: client(app, sessions.director, lang),
      cataloguer: client(app, sessions.cataloguer, lang),
      official: client(app, sessions.official, lang),
      otherOfficial: client(app, sessions.otherOfficial, lang),
    },
  };
}

export type MunicipalNetwork = Awaited<ReturnType<typeof buildMunicipalNetwork>>;

/** Catalogues a record through the API (as a cataloguer) and returns its id. */
export async function catalogueRecord(net: MunicipalNetwork, title: string, subjects: string[] = []): Promise<string> {
  const res = await net.http.cataloguer.post('/api/v1/catalog/records', { title, subjects, year: 2026, language: 'rus' });
  if (res.statusCode !== 201) throw new Error(`record: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}
