/** What the catalogue API answers, and the queries of the catalogue screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import type { TAgeLabel, TItemStatus, TMaterialType, TRecordInput } from '../catalog.schemas';

export type TMarcFormat = 'rusmarc' | 'marc21';

export interface MarcSubfield {
  code: string;
  value: string;
}
export type MarcField = { tag: string; value: string } | { tag: string; ind1: string; ind2: string; subfields: MarcSubfield[] };
export interface MarcRecord {
  leader: string;
  fields: MarcField[];
}

export interface Availability {
  libraryId: string;
  libraryName: string;
  total: number;
  available: number;
}

export interface SearchHit {
  id: string;
  format: TMarcFormat;
  title: string;
  otherTitle: string;
  responsibility: string;
  authors: string[];
  publisher: string;
  place: string;
  year: number | null;
  isbns: string[];
  language: string;
  subjects: string[];
  bbk: string[];
  series: string;
  materialType: TMaterialType;
  ageLabel: TAgeLabel | null;
  description: string;
  availability: Availability[];
}

export interface Facet {
  value: string;
  label?: string;
  count: number;
}
export const FACET_KEYS = ['libraries', 'years', 'languages', 'materialTypes', 'subjects'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export interface SearchResult {
  items: SearchHit[];
  total: number;
  /** The total is the database's estimate: more records matched than were ranked. */
  totalIsEstimate: boolean;
  page: number;
  pageSize: number;
  isFuzzy: boolean;
  facets: Record<FacetKey, Facet[]>;
}

export interface Item {
  id: string;
  recordId: string;
  libraryId: string;
  networkId: string;
  inventoryNumber: string;
  barcode: string;
  callNumber: string;
  location: string;
  price: number | null;
  currency: 'KGS' | 'RUB';
  acquiredOn: string | null;
  status: TItemStatus;
  notes: string;
  /** Withheld from readers by a check against the list of extremist materials (the match). */
  withheldBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A copy as the collection list shows it (GET /api/v1/catalog/items). */
export interface CopyRow extends Omit<Item, 'networkId' | 'withheldBy' | 'createdAt' | 'updatedAt'> {
  libraryName: string;
  networkName: string;
  title: string;
  description: string;
  year: number | null;
}

/**
 * The one copy a scanned barcode or a typed inventory number names (with `barcodeOnly`, a barcode:
 * in the catalogue's search box "1984" is a title, not copy № 1984), or null — none, several, or the
 * person may not list copies: the search then goes on as usual.
 */
export async function findCopyByCode(code: string, { barcodeOnly = false } = {}): Promise<CopyRow | null> {
  if (/\s/.test(code) || !/\d/.test(code) || code.length > 40) return null;
  try {
    const found = await api.get<{ items: CopyRow[] }>('/api/v1/catalog/items', { [barcodeOnly ? 'barcode' : 'code']: code, pageSize: 2 });
    return found.items.length === 1 ? found.items[0]! : null;
  } catch {
    return null;
  }
}

export interface RecordDetail {
  id: string;
  format: TMarcFormat;
  marc: MarcRecord;
  controlNumber: string | null;
  controlSource: string | null;
  title: string;
  otherTitle: string;
  responsibility: string;
  authors: string[];
  publisher: string;
  place: string;
  year: number | null;
  edition: string;
  isbns: string[];
  issn: string;
  language: string;
  subjects: string[];
  bbk: string[];
  udc: string[];
  series: string;
  extent: string;
  notes: string;
  summary: string;
  materialType: TMaterialType;
  ageLabel: TAgeLabel | null;
  description: string;
  isDeleted: boolean;
  updatedAt: string;
  form: TRecordInput;
  authorMark: string;
  suggestedCallNumber: string;
  copies: {
    libraryId: string;
    libraryName: string;
    networkName: string;
    total: number;
    available: number;
    canPrintCard: boolean;
    items: (Item & { canEdit: boolean })[];
  }[];
  permissions: { canEdit: boolean; copyLibraryIds: string[] };
}

export interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null; message?: string };
  result: unknown;
  error: string | null;
}

export interface ImportSummary {
  read: number;
  created: number;
  matched: number;
  /** Set when the import replaced matched records with the file's content. */
  replaced?: number;
  rejected: number;
  items: { created: number };
  errors: { index: number; offset: number; reason: string; detail?: string }[];
}

/** An earlier import as the import page lists it. */
export interface ImportRun {
  id: string;
  fileName: string;
  size: number;
  libraryName: string | null;
  startedBy: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null; message?: string };
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  counts: {
    read: number;
    created: number;
    matched: number;
    rejected: number;
    copies: number;
    replaced: number | null;
    encoding: string | null;
    encodingChosen: boolean;
    encodingDetected: string | null;
  } | null;
}

/** Earlier imports; refreshed every few seconds while one of them is still running. */
export const useImports = (params: QueryParams) =>
  useQuery({
    queryKey: ['catalog-imports', params],
    queryFn: () => api.get<{ items: ImportRun[]; total: number; page: number; pageSize: number }>('/api/v1/catalog/imports', params),
    placeholderData: (previous) => previous,
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 3000 : false),
  });

export const useCatalogSearch = (params: QueryParams) =>
  useQuery({
    queryKey: ['catalog-search', params],
    queryFn: () => api.get<SearchResult>('/api/v1/catalog/search', params),
    placeholderData: (previous) => previous,
  });

export const useRecord = (id: string) =>
  useQuery({ queryKey: ['catalog-record', id], queryFn: () => api.get<RecordDetail>(`/api/v1/catalog/records/${id}`) });

export const useJob = (id: string | null) =>
  useQuery({
    queryKey: ['job', id],
    queryFn: () => api.get<Job>(`/api/v1/jobs/${id}`),
    enabled: !!id,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' || status === 'cancelled' ? false : 1000;
    },
  });

/** After a save: the record, its copies and every search list may have changed. */
export function refreshCatalog(queryClient: QueryClient, recordId?: string) {
  if (recordId) void queryClient.invalidateQueries({ queryKey: ['catalog-record', recordId] });
  void queryClient.invalidateQueries({ queryKey: ['catalog-search'] });
}
