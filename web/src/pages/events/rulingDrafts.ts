import { useEffect, useState } from 'react';
import type { CatalogueItem, Ruling } from './eventTypes.ts';

/** What the clerk has typed for one item's ruling; nothing is required until it is sent. */
export interface RulingDraft {
  leadUnitId: string | null;
  coUnitIds: string[];
  dueDate: string | null;
  measures: string;
}

/** A draft kept in the browser until the server confirms it. */
export interface StoredDraft {
  draft: RulingDraft;
  /** The ruling's version the draft was written over (0: the item had no ruling). */
  baseVersion: number;
  changedAt: string;
}

const PREFIX = 'f2f.rulingDraft';

export function draftKey(eventId: string, itemId: string): string {
  return `${PREFIX}.${eventId}.${itemId}`;
}

function isDraft(value: unknown): value is RulingDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return (
    (draft.leadUnitId === null || typeof draft.leadUnitId === 'string') &&
    Array.isArray(draft.coUnitIds) &&
    draft.coUnitIds.every((id) => typeof id === 'string') &&
    (draft.dueDate === null || typeof draft.dueDate === 'string') &&
    typeof draft.measures === 'string'
  );
}

/** The stored draft of an item, or null (none, or unreadable). */
export function readDraft(eventId: string, itemId: string): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(draftKey(eventId, itemId));
    if (!text) return null;
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const stored = value as Record<string, unknown>;
    if (!isDraft(stored.draft) || typeof stored.baseVersion !== 'number') return null;
    return {
      draft: stored.draft,
      baseVersion: stored.baseVersion,
      changedAt: typeof stored.changedAt === 'string' ? stored.changedAt : new Date().toISOString(),
    };
  } catch {
    return null;
  }
}

/** Keeps the draft; returns false when the browser refuses (storage full or disabled). */
export function writeDraft(
  eventId: string,
  itemId: string,
  draft: RulingDraft,
  baseVersion: number,
): boolean {
  try {
    const stored: StoredDraft = { draft, baseVersion, changedAt: new Date().toISOString() };
    window.localStorage.setItem(draftKey(eventId, itemId), JSON.stringify(stored));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(eventId: string, itemId: string): void {
  try {
    window.localStorage.removeItem(draftKey(eventId, itemId));
  } catch {
    // Nothing was kept.
  }
}

/** The form's values for a saved ruling, or the catalogue's units as a starting point. */
export function draftOf(ruling: Ruling | null, item: CatalogueItem): RulingDraft {
  if (ruling) {
    return {
      leadUnitId: ruling.leadUnitId,
      coUnitIds: ruling.coUnitIds,
      dueDate: ruling.dueDate,
      measures: ruling.measures,
    };
  }
  return {
    leadUnitId: item.unitIds[0] ?? null,
    coUnitIds: item.unitIds.slice(1),
    dueDate: null,
    measures: '',
  };
}

/** Same content, ignoring the co-units' order and the measures' surrounding spaces. */
export function sameDraft(a: RulingDraft, b: RulingDraft): boolean {
  const co = (draft: RulingDraft) => [...draft.coUnitIds].sort().join(',');
  return (
    a.leadUnitId === b.leadUnitId &&
    a.dueDate === b.dueDate &&
    a.measures.trim() === b.measures.trim() &&
    co(a) === co(b)
  );
}

export type MissingField = 'leadUnitId' | 'dueDate' | 'measures';

/** What the server would refuse the draft for, checked before sending. */
export function missingFields(draft: RulingDraft): MissingField[] {
  const missing: MissingField[] = [];
  if (!draft.leadUnitId) missing.push('leadUnitId');
  if (!draft.dueDate) missing.push('dueDate');
  if (draft.measures.trim().length < 2) missing.push('measures');
  return missing;
}

/** navigator.onLine, kept up to date. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
