/**
 * The cache of one call, fed by REST answers (dial, hang-up, a reload) and by callStatusChanged.
 * Whichever is newer (the call's updatedAt) wins, so a late or repeated message never takes the
 * call back. A change for a call not in the cache yet (it can beat the dial's own answer) waits
 * under its own key until the call arrives.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { CallWithLead } from '@telehub/shared';
import { callKeys } from './callKeys';
import type { CallChange } from './callsLive';

const at = (iso: string) => Date.parse(iso);

/** The call with the change applied, unless the change is older than what the call already says. */
export function mergeCall<C extends CallWithLead>(call: C, change: Partial<CallChange> & Pick<CallChange, 'updatedAt'>): C {
  return at(change.updatedAt) < at(call.updatedAt) ? call : { ...call, ...change };
}

/**
 * Applies a change to the cached call. Returns what was known of the call before it (the cached
 * call, or an earlier change of a call not held), undefined for a call not heard of.
 */
export function applyCallChange(qc: QueryClient, change: CallChange): CallChange | undefined {
  const held = qc.getQueryData<CallWithLead>(callKeys.detail(change.id));
  if (held) {
    qc.setQueryData(callKeys.detail(change.id), mergeCall(held, change));
    return held;
  }
  const early = qc.getQueryData<CallChange>(callKeys.early(change.id));
  if (!early || at(early.updatedAt) <= at(change.updatedAt)) qc.setQueryData(callKeys.early(change.id), change);
  return early;
}

/** A call as REST answered it, with any change that came first; what the cache should hold. */
export function settleCall(qc: QueryClient, call: CallWithLead): CallWithLead {
  const early = qc.getQueryData<CallChange>(callKeys.early(call.id));
  if (early) qc.removeQueries({ queryKey: callKeys.early(call.id), exact: true });
  const held = qc.getQueryData<CallWithLead>(callKeys.detail(call.id));
  const base = held ? mergeCall(held, call) : call;
  return early ? mergeCall(base, early) : base;
}

/** Puts a REST answer for a call in the cache (a dial, a hang-up), newest wins. */
export function putCall(qc: QueryClient, call: CallWithLead): void {
  qc.setQueryData(callKeys.detail(call.id), settleCall(qc, call));
}
