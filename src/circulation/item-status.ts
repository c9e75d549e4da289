/**
 * Which status a copy may move to through circulation. The desk never lends a copy that is not on the
 * shelf (available), and returns only what is out (on loan, or at a service point).
 */
import type { TItemStatus } from '../catalog/catalog.schemas';

/** Statuses from which a copy may be lent. */
export const LENDABLE: readonly TItemStatus[] = ['available'];

const TRANSITIONS: Record<string, readonly TItemStatus[]> = {
  checkout: ['available'],
  return: ['on_loan', 'available', 'in_transit', 'at_service_point', 'lost'],
  transit: ['available', 'on_loan'],
  receive: ['in_transit'],
  deposit: ['available'],
  depositReturn: ['at_service_point'],
};

export type CirculationMove = keyof typeof TRANSITIONS;

export function canMove(move: CirculationMove, from: TItemStatus): boolean {
  return TRANSITIONS[move]?.includes(from) ?? false;
}
