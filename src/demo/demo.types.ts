/** Shapes of the demo data tables; the loader turns them into rows. */

export type DemoNetworkKey = 'KEM' | 'ALA';

export interface DemoMunicipality {
  /** Stable key the other tables refer to (libraries, accounts). */
  key: string;
  kind: 'aiyl_okmotu' | 'city';
  name: string;
  headName: string;
  headTitle: string;
  address: string;
  phone: string;
  email: string;
  population: number;
  /** Where its libraries are placed on the map. */
  lat: number;
  lon: number;
}

export interface DemoLibrary {
  code: string;
  kind: 'central' | 'children' | 'branch';
  number: number | null;
  name: string;
  settlement: string;
  municipalities: string[];
}

/** What differs between the networks' town libraries (the branches are generated). */
export interface DemoTownLibrary {
  phone: string;
  areas: { totalArea: number; storageArea: number; serviceArea: number };
  seats: number;
  staff: number;
}

export interface DemoNetwork {
  key: DemoNetworkKey;
  name: string;
  shortName: string;
  /** Landline prefix of the district, e.g. "+996 (3135)". */
  phoneCode: string;
  /** Local part prefix of demo e-mail addresses. */
  mailPrefix: string;
  central: DemoTownLibrary;
  children: DemoTownLibrary;
  municipalities: DemoMunicipality[];
  libraries: DemoLibrary[];
}

/**
 * A rural branch as one line of a data table: number, village, municipality key. The name follows the
 * networks' own usage ("филиал № 21 с. Подгорное"): the number names the branch, the village places it.
 */
export type BranchRow = readonly [number: number, village: string, municipality: string];

export function branchesOf(prefix: string, rows: readonly BranchRow[]): DemoLibrary[] {
  return rows.map(([number, village, municipality]) => ({
    code: `${prefix}-F${String(number).padStart(2, '0')}`,
    kind: 'branch',
    number,
    name: `Филиал № ${number}`,
    settlement: `с. ${village}`,
    municipalities: [municipality],
  }));
}

/** Demo e-mail addresses use example.org (RFC 2606), so nothing is ever sent to a real mailbox. */
export const demoEmail = (local: string) => `${local}@example.org`;
