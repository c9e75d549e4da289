/**
 * Turns the demo data tables into table rows. Ids are made here rather than by the database, so every
 * table goes in with a single multi-row insert and nothing has to be read back between inserts.
 */
import { randomUUID } from 'node:crypto';
import type {
  libraries,
  libraryMunicipalities,
  libraryPassports,
  monitoringChecklists,
  monitoringChecks,
  municipalities,
  networks,
  regions,
  servicePoints,
} from '../network/network.tables';
import { ZCheckResult } from '../network/network.schemas';
import type { staffUsers } from '../staff/staff.tables';
import { DEMO_STAFF, type DemoScope } from './demo.accounts';
import { ALAMUDUN } from './demo.alamudun';
import { KEMIN } from './demo.kemin';
import { DEMO_CHECKLISTS, DEMO_CHECKS } from './demo.monitoring';
import { DEMO_SERVICE_POINTS } from './demo.outreach';
import { demoPassport } from './demo.passports';
import { addDays, daysAgo } from './demo.random';
import type { DemoNetwork, DemoNetworkKey } from './demo.types';

export const DEMO_REGION_NAME = 'Чуйская область';
export const DEMO_NETWORKS: readonly DemoNetwork[] = [KEMIN, ALAMUDUN];

export interface DemoRows {
  region: typeof regions.$inferInsert & { id: string };
  networks: (typeof networks.$inferInsert)[];
  municipalities: (typeof municipalities.$inferInsert)[];
  libraries: (typeof libraries.$inferInsert)[];
  libraryMunicipalities: (typeof libraryMunicipalities.$inferInsert)[];
  passports: (typeof libraryPassports.$inferInsert)[];
  servicePoints: (typeof servicePoints.$inferInsert)[];
  checklists: (typeof monitoringChecklists.$inferInsert)[];
  checks: (typeof monitoringChecks.$inferInsert)[];
  staff: (typeof staffUsers.$inferInsert)[];
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo data refers to an unknown ${what}`);
  return value;
}

/** `passwordHash` is computed once by the caller: argon2 on every account would cost seconds. */
export function buildDemoRows(passwordHash: string, today = new Date()): DemoRows {
  const year = today.getFullYear();
  const region = { id: randomUUID(), name: DEMO_REGION_NAME };
  const networkIds = new Map<DemoNetworkKey, string>();
  const muniIds = new Map<string, string>();
  const libraryIds = new Map<string, string>();
  const rows: DemoRows = {
    region,
    networks: [],
    municipalities: [],
    libraries: [],
    libraryMunicipalities: [],
    passports: [],
    servicePoints: [],
    checklists: [],
    checks: [],
    staff: [],
  };

  for (const net of DEMO_NETWORKS) {
    const networkId = randomUUID();
    networkIds.set(net.key, networkId);
    rows.networks.push({ id: networkId, regionId: region.id, name: net.name, shortName: net.shortName, country: 'KG' });
    for (const m of net.municipalities) {
      const id = randomUUID();
      muniIds.set(`${net.key}/${m.key}`, id);
      const { key: _key, lat: _lat, lon: _lon, ...fields } = m;
      // Population figures are the statistics office's of 1 January of last year.
      rows.municipalities.push({ id, networkId, ...fields, populationYear: year - 1 });
    }
    for (const lib of net.libraries) {
      const id = randomUUID();
      libraryIds.set(lib.code, id);
      rows.libraries.push({
        id,
        networkId,
        kind: lib.kind,
        number: lib.number,
        name: lib.name,
        settlement: lib.settlement,
        code: lib.code,
      });
      for (const key of lib.municipalities) {
        rows.libraryMunicipalities.push({ libraryId: id, municipalityId: need(muniIds.get(`${net.key}/${key}`), key) });
      }
      const place = need(
        net.municipalities.find((m) => m.key === lib.municipalities[0]),
        `municipality of ${lib.code}`,
      );
      for (const isCurrent of [false, true]) {
        rows.passports.push({
          libraryId: id,
          year: isCurrent ? year : year - 1,
          data: demoPassport(net, lib, place, isCurrent),
        });
      }
    }
  }

  for (const { libraryCode, ...point } of DEMO_SERVICE_POINTS) {
    rows.servicePoints.push({ libraryId: need(libraryIds.get(libraryCode), libraryCode), ...point });
  }

  const checklistIds = new Map<DemoNetworkKey, string>();
  for (const [key, list] of Object.entries(DEMO_CHECKLISTS) as [DemoNetworkKey, (typeof DEMO_CHECKLISTS)['KEM']][]) {
    const id = randomUUID();
    checklistIds.set(key, id);
    rows.checklists.push({ id, networkId: need(networkIds.get(key), key), name: list.name, items: list.items });
  }
  for (const check of DEMO_CHECKS) {
    const items = DEMO_CHECKLISTS[check.network].items;
    for (const key of Object.keys(check.unmet)) need(items.find((i) => i.key === key), `checklist item ${key}`);
    const checkedOn = daysAgo(check.daysAgo, today);
    rows.checks.push({
      libraryId: need(libraryIds.get(check.libraryCode), check.libraryCode),
      checklistId: need(checklistIds.get(check.network), check.network),
      checkedOn,
      inspector: check.inspector,
      results: items.map((item) => {
        const note = check.unmet[item.key];
        return ZCheckResult.parse({ key: item.key, isMet: note === undefined, note: note ?? '' });
      }),
      findings: check.findings,
      followUp: check.followUp,
      followUpDue: check.dueInDays === null ? null : addDays(checkedOn, check.dueInDays),
      isFollowUpDone: check.isFollowUpDone,
    });
  }

  const scopeId = (scope: DemoScope): string | null => {
    switch (scope.kind) {
      case 'installation':
        return null;
      case 'region':
        return region.id;
      case 'network':
        return need(networkIds.get(scope.network), scope.network);
      case 'library':
        return need(libraryIds.get(scope.code), scope.code);
      case 'municipality':
        return need(muniIds.get(`${scope.network}/${scope.key}`), scope.key);
    }
  };
  for (const account of DEMO_STAFF) {
    rows.staff.push({
      login: account.login,
      fullName: account.fullName,
      position: account.position,
      passwordHash,
      role: account.role,
      scopeKind: account.scope.kind,
      scopeId: scopeId(account.scope),
      libraryId: account.libraryCode === null ? null : need(libraryIds.get(account.libraryCode), account.libraryCode),
      language: 'ru',
    });
  }
  return rows;
}
