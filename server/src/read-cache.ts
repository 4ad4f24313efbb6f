import type { AppContext } from './context.ts';

/**
 * Results of expensive reads (the dashboards), kept for a few seconds per context. Every transaction that
 * commits through `transact` forgets them all, so on one server a change is seen at once; the time limit
 * bounds how old a figure can be when another instance made the change (or a job wrote outside `transact`).
 * A result is kept with the instant it was counted, which the page shows.
 */

interface Entry {
  at: number;
  value: unknown;
}

interface Store {
  entries: Map<string, Entry>;
  /** Pending computations, so that concurrent callers of one key share one count. */
  pending: Map<string, Promise<unknown>>;
  generation: number;
}

const MAX_ENTRIES = 500;
const stores = new WeakMap<AppContext, Store>();

function storeOf(ctx: AppContext): Store {
  let store = stores.get(ctx);
  if (!store) {
    store = { entries: new Map(), pending: new Map(), generation: 0 };
    stores.set(ctx, store);
  }
  return store;
}

/** Forgets every kept result (after a commit). */
export function forgetReads(ctx: AppContext): void {
  const store = stores.get(ctx);
  if (!store) return;
  store.generation += 1;
  store.entries.clear();
  store.pending.clear();
}

/**
 * The kept result for `key` if younger than `seconds` (by the context's clock), else `compute()`'s, kept.
 * `seconds` 0 turns keeping off.
 */
export async function cachedRead<T>(
  ctx: AppContext,
  key: string,
  seconds: number,
  compute: (countedAt: Date) => Promise<T>,
): Promise<T> {
  const now = ctx.clock.now();
  if (seconds <= 0) return compute(now);
  const store = storeOf(ctx);
  const kept = store.entries.get(key);
  if (kept && now.getTime() - kept.at < seconds * 1000 && now.getTime() >= kept.at) return kept.value as T;
  const running = store.pending.get(key);
  if (running) return running as Promise<T>;
  const generation = store.generation;
  const promise = compute(now).then(
    (value) => {
      // A commit while counting may have changed what was counted: do not keep it then.
      if (store.generation === generation) {
        store.pending.delete(key);
        if (store.entries.size >= MAX_ENTRIES) store.entries.clear();
        store.entries.set(key, { at: now.getTime(), value });
      }
      return value;
    },
    (error: unknown) => {
      if (store.generation === generation) store.pending.delete(key);
      throw error;
    },
  );
  store.pending.set(key, promise);
  return promise;
}
