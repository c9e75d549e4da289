/** The staff app's calls to circulation's API. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../web/api/client';
import type { Paged } from '../../web/api/types';
import type { TLoanRuleValues } from '../circulation.schemas';

export interface DeskLoan {
  loanId: string;
  itemId: string;
  barcode: string;
  title: string;
  ageLabel: string | null;
  libraryName: string;
  dueOn: string;
  renewals: number;
  isOverdue: boolean;
}

export interface DeskHold {
  id: string;
  title: string;
  status: 'waiting' | 'in_transit' | 'ready' | 'fulfilled' | 'cancelled' | 'expired';
  pickupLibraryId: string;
  pickupLibraryName: string;
  barcode: string | null;
  expiresOn: string | null;
  position: number | null;
  readerId: string;
}

export interface ReaderPanel {
  reader: {
    id: string;
    cardNumber: string;
    fullName: string;
    age: number | null;
    categoryName: string;
    isBlocked: boolean;
    blockReason: string;
    registeredUntil: string | null;
    isRegistered: boolean;
  };
  loans: DeskLoan[];
  holds: DeskHold[];
}

export interface CheckoutResult {
  loanId: string;
  actionId: number;
  barcode: string;
  title: string;
  dueOn: string;
  ageOverridden: boolean;
}

export interface ReturnResult {
  loanId: string | null;
  actionId: number | null;
  barcode: string;
  title: string;
  readerId: string | null;
  wasOverdue: boolean;
  next: { kind: 'shelf' } | { kind: 'hold_shelf'; holdId: string } | { kind: 'transit'; toLibraryId: string; toLibraryName: string; holdId: string | null };
}

export interface RenewResult {
  loanId: string;
  actionId: number | null;
  barcode: string;
  title: string;
  dueOn: string;
  renewals: number;
}

export const deskApi = {
  panelByCard: (libraryId: string, card: string) => api.get<ReaderPanel>('/api/v1/circulation/desk/reader', { libraryId, card }),
  panelById: (libraryId: string, readerId: string) => api.get<ReaderPanel>('/api/v1/circulation/desk/reader', { libraryId, readerId }),
  checkout: (libraryId: string, readerId: string, barcode: string, ageOverrideReason?: string) =>
    api.post<CheckoutResult>('/api/v1/circulation/checkout', { libraryId, readerId, barcode, ageOverrideReason }),
  checkin: (libraryId: string, barcode: string) => api.post<ReturnResult>('/api/v1/circulation/return', { libraryId, barcode }),
  renew: (libraryId: string, ref: { barcode?: string; loanId?: string }) => api.post<RenewResult>('/api/v1/circulation/renew', { libraryId, ...ref }),
  undo: (actionId: number) => api.post<{ kind: string; loanId: string }>('/api/v1/circulation/undo', { actionId }),
};

export interface LoanRule extends TLoanRuleValues {
  id: string;
  networkId: string;
  libraryId: string | null;
  readerCategoryId: string | null;
  itemType: string | null;
}

export function useLoanRules(networkId: string | null) {
  return useQuery({
    queryKey: ['circulation', 'rules', networkId],
    queryFn: () => api.get<{ builtIn: TLoanRuleValues; rules: LoanRule[] }>('/api/v1/circulation/rules', { networkId }),
    enabled: !!networkId,
  });
}

export interface OverdueRow {
  loanId: string;
  cardNumber: string;
  readerName: string;
  phone: string;
  email: string;
  barcode: string;
  title: string;
  dueOn: string;
  daysOverdue: number;
  lastNoticeAt: string | null;
}

export function useOverdue(libraryId: string | null, page: number, q: string) {
  return useQuery({
    queryKey: ['circulation', 'overdue', libraryId, page, q],
    queryFn: () => api.get<Paged<OverdueRow>>('/api/v1/circulation/overdue', { libraryId, page, pageSize: 25, q }),
    enabled: !!libraryId,
  });
}
