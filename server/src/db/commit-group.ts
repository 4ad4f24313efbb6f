import { sql } from 'kysely';
import type { Db, Trx } from './database.ts';

/**
 * Group commit for SQLite. SQLite has one writing connection here, so transactions already run one after another;
 * what each cost on its own was its commit: writing every page it touched (a dozen indexes, the search
 * index, the aggregates) to the WAL, and now and then a checkpoint. When changes queue up behind one that
 * is running, they run in the same transaction instead, each inside a savepoint of its own, and the group
 * commits once; consecutive changes mostly touch the same index pages, so the group writes each page once.
 *
 * Each change keeps its own all-or-nothing: one that fails is rolled back to its savepoint, alone, and its
 * caller gets its error at once. The others' callers hear of their results only after the group committed;
 * if the commit fails, every one of them gets that error and nothing of the group is kept.
 *
 * A group closes after MAX_MEMBERS changes, so that other writes and transactions waiting for the connection are
 * not held up long (reads outside transactions go to the reader threads, sqlite-readers.ts, and do not wait).
 * PostgreSQL runs transactions side by side on its pool and does not need this.
 */
const MAX_MEMBERS = 16;

interface Member {
  work: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommitGroup {
  private readonly queue: Member[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  /** Runs `work` in a transaction, shared with the changes queued beside it; resolves once committed. */
  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // A turn of the event loop first: requests that are reading on their way to a change (the one
        // connection was the group's until now) get there, and join this group instead of the next.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.commitOneGroup();
      }
    } finally {
      this.running = false;
    }
  }

  private async commitOneGroup(): Promise<void> {
    const done: { member: Member; value: unknown }[] = [];
    let current: { member: Member; error: unknown } | null = null;
    let began = false;
    try {
      await this.db.transaction().execute(async (trx) => {
        began = true;
        while (this.queue.length > 0 && done.length < MAX_MEMBERS) {
          const member = this.queue.shift() as Member;
          current = { member, error: null };
          await sql`savepoint f2f_change`.execute(trx);
          try {
            done.push({ member, value: await member.work(trx) });
          } catch (error) {
            current.error = error;
            // Only this change is undone. Should the savepoint be gone (an error that ended the whole
            // transaction), rolling back to it throws, and the group fails as a whole below.
            await sql`rollback to f2f_change`.execute(trx);
            await sql`release f2f_change`.execute(trx);
            current = null;
            member.reject(error);
            continue;
          }
          await sql`release f2f_change`.execute(trx);
          current = null;
        }
      });
    } catch (error) {
      const failed = current as { member: Member; error: unknown } | null;
      // A change whose own error ended the transaction gets that error; the rest get the group's.
      if (failed) failed.member.reject(failed.error ?? error);
      for (const { member } of done) member.reject(error);
      // The transaction could not even begin: the first change in line gets the error, so that the next
      // attempt is not the same.
      if (!began) this.queue.shift()?.reject(error);
      return;
    }
    for (const { member, value } of done) member.resolve(value);
  }
}

const groups = new WeakMap<Db, CommitGroup>();

/** The commit group of a SQLite database (its one writing connection). */
export function commitGroupOf(db: Db): CommitGroup {
  let group = groups.get(db);
  if (!group) {
    group = new CommitGroup(db);
    groups.set(db, group);
  }
  return group;
}
