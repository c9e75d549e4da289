/** What the copy-cataloguing API answers: SRU servers and records found on them. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../web/api/client';
import type { MarcRecord, TMarcFormat } from './api';

export interface SruServer {
  id: string;
  networkId: string | null;
  name: string;
  baseUrl: string;
  database: string;
  recordSchema: 'marcxml' | 'rusmarc';
  version: '1.1' | '1.2' | '2.0';
  isActive: boolean;
  canManage: boolean;
}

export interface CopyHit {
  position: number;
  format: TMarcFormat;
  marc: MarcRecord;
  title: string;
  authors: string[];
  publisher: string;
  place: string;
  year: number | null;
  isbns: string[];
  description: string;
  controlNumber: string | null;
  matchId: string | null;
}

export interface CopyResult {
  query: string;
  total: number;
  start: number;
  hits: CopyHit[];
  diagnostics: string[];
  unreadable: { position: number; reason: string }[];
}

export const useSruServers = (activeOnly = false) =>
  useQuery({
    queryKey: ['sru-servers', activeOnly],
    queryFn: () => api.get<{ items: SruServer[]; canCreate: boolean }>('/api/v1/catalog/sru-servers', { activeOnly }),
  });
