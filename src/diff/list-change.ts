import { canonicalJson } from './canonical-json.js';

/** What a new list has that the old one lacked (gained), and the other way round (lost). Order is ignored. */
export function listChange<T>(oldList: readonly T[], newList: readonly T[]): { gained: T[]; lost: T[] } {
  const oldKeys = new Set(oldList.map(canonicalJson));
  const newKeys = new Set(newList.map(canonicalJson));
  return {
    gained: newList.filter((item) => !oldKeys.has(canonicalJson(item))),
    lost: oldList.filter((item) => !newKeys.has(canonicalJson(item))),
  };
}

/** "gained foster_family", "lost group_home", "gained a and lost b", or null when only the order differs. */
export function listChangeWords(change: { gained: unknown[]; lost: unknown[] }): string | null {
  const parts = [
    ...(change.gained.length > 0 ? [`gained ${change.gained.map(String).join(', ')}`] : []),
    ...(change.lost.length > 0 ? [`lost ${change.lost.map(String).join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join(' and ') : null;
}
