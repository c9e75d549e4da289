/** Response schemas of the network domain's routes. */
import { z } from 'zod';
import { ZTimestamp } from '../app/route-helpers';
import {
  ZChecklistItem,
  ZCheckResult,
  ZLibraryKind,
  ZMunicipalityKind,
  ZPassportData,
  ZServicePointKind,
} from './network.schemas';

export const ZLibraryRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  networkName: z.string(),
  kind: ZLibraryKind,
  number: z.number().int().nullable(),
  name: z.string(),
  settlement: z.string(),
  code: z.string(),
  isActive: z.boolean(),
  address: z.string(),
  phone: z.string(),
  municipalities: z.string(),
});

export const ZLibraryOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  kind: ZLibraryKind,
  number: z.number().int().nullable(),
  name: z.string(),
  settlement: z.string(),
  code: z.string(),
  isActive: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZServicePointOut = z.object({
  id: z.uuid(),
  libraryId: z.uuid(),
  kind: ZServicePointKind,
  name: z.string(),
  address: z.string(),
  contact: z.string(),
  isSeasonal: z.boolean(),
  isActive: z.boolean(),
  createdAt: ZTimestamp,
});

export const ZMunicipalityRef = z.object({ id: z.uuid(), name: z.string(), kind: ZMunicipalityKind });

export const ZLibraryDetail = ZLibraryOut.extend({
  networkName: z.string(),
  municipalities: z.array(ZMunicipalityRef),
  servicePoints: z.array(ZServicePointOut),
  staff: z.array(z.object({ id: z.uuid(), fullName: z.string(), position: z.string(), role: z.string() })),
  passportYear: z.number().int().nullable(),
  permissions: z.object({ canEditPassport: z.boolean(), canManage: z.boolean(), canMonitor: z.boolean() }),
});

export const ZPassportOut = z.object({
  year: z.number().int(),
  data: ZPassportData,
  updatedAt: ZTimestamp.nullable(),
  isSaved: z.boolean(),
});

export const ZMunicipalityRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  networkName: z.string(),
  kind: ZMunicipalityKind,
  name: z.string(),
  headName: z.string(),
  headTitle: z.string(),
  phone: z.string(),
  email: z.string(),
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
  libraryCount: z.number().int(),
});

export const ZMunicipalityOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  kind: ZMunicipalityKind,
  name: z.string(),
  headName: z.string(),
  headTitle: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  population: z.number().int().nullable(),
  populationYear: z.number().int().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZChecklistOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  name: z.string(),
  items: z.array(ZChecklistItem),
  isActive: z.boolean(),
  createdAt: ZTimestamp,
});

export const ZCheckOut = z.object({
  id: z.uuid(),
  libraryId: z.uuid(),
  checklistId: z.uuid(),
  checkedOn: z.string(),
  inspector: z.string(),
  results: z.array(ZCheckResult),
  findings: z.string(),
  followUp: z.string(),
  followUpDue: z.string().nullable(),
  isFollowUpDone: z.boolean(),
  createdAt: ZTimestamp,
});

export const ZNetworkOut = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  regionName: z.string(),
  name: z.string(),
  shortName: z.string(),
  country: z.string(),
  libraryCount: z.number().int(),
  /** Whether the caller may add libraries, municipalities and checklists to this network. */
  canManage: z.boolean(),
});
