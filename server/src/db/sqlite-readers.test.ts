import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from './database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'f2f-readers-'));
const handles: DbHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database file with a small table, opened as the server opens it: with reader threads. */
async function database(name: string) {
  const handle = openDatabase({
    databaseUrl: null,
    sqliteFile: path.join(dir, `${name}.sqlite`),
    readers: 2,
  });
  handles.push(handle);
  await sql`create table notes (id integer primary key, body text not null, data blob)`.execute(handle.db);
  await sql`insert into notes (body, data) values ('一', ${Buffer.from([1, 2, 3])}), ('二', null)`.execute(
    handle.db,
  );
  return handle.db;
}

const count = async (db: DbHandle['db']) =>
  Number((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]?.n);

describe('SQLite reader threads', () => {
  it('read beside an open transaction, seeing what was committed before it, and its changes once committed', async () => {
    const db = await database('beside');
    let during: number | null = null;
    await db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('三')`.execute(trx);
      // Inside the transaction: the writer's connection, which sees its own change.
      expect(
        Number((await sql<{ n: number }>`select count(*) as n from notes`.execute(trx)).rows[0]?.n),
      ).toBe(3);
      // Outside it: a reader. On the one connection this read would wait for the commit, which waits for it.
      during = await count(db);
    });
    expect(during).toBe(2);
    expect(await count(db)).toBe(3);
  });

  it('send writes to the writer, whatever they look like, and rolled-back changes are never seen', async () => {
    const db = await database('writes');
    // Statements that return rows but write: the readers' connections are read-only and would refuse them.
    const inserted = await sql<{ id: number }>`insert into notes (body) values ('四') returning id`.execute(
      db,
    );
    expect(inserted.rows).toEqual([{ id: 3 }]);
    await sql`with source(body) as (values ('五')) insert into notes (body) select body from source`.execute(
      db,
    );
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into notes (body) values ('六')`.execute(trx);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const { rows } = await sql<{ body: string }>`select body from notes order by id`.execute(db);
    expect(rows.map((row) => row.body)).toEqual(['一', '二', '四', '五']);
  });

  it('answer each query with its own rows, blobs as Buffers, errors as SQLite errors with their code', async () => {
    const db = await database('answers');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        sql<{ n: number; body: string }>`select ${i} as n, body from notes where id = ${1 + (i % 2)}`.execute(
          db,
        ),
      ),
    );
    answers.forEach((answer, i) => {
      expect(answer.rows).toEqual([{ n: i, body: i % 2 === 0 ? '一' : '二' }]);
    });
    const { rows } = await sql<{ data: Buffer | null }>`select data from notes order by id`.execute(db);
    expect(Buffer.isBuffer(rows[0]?.data)).toBe(true);
    expect([...(rows[0]?.data ?? [])]).toEqual([1, 2, 3]);
    expect(rows[1]?.data).toBeNull();
    const failure = await sql`select * from missing`.execute(db).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SQLite.SqliteError);
    expect(failure).toMatchObject({ code: 'SQLITE_ERROR', message: 'no such table: missing' });
  });

  it('stream on the writer’s connection, outside a transaction and inside one', async () => {
    const db = (await database('streams')).withTables<{ notes: { id: number; body: string } }>();
    const bodies: string[] = [];
    for await (const row of db.selectFrom('notes').select('body').orderBy('id').stream())
      bodies.push(row.body);
    expect(bodies).toEqual(['一', '二']);
    await db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('七')`.execute(trx);
      const inside: string[] = [];
      for await (const row of trx.selectFrom('notes').select('body').orderBy('id').stream())
        inside.push(row.body);
      expect(inside).toEqual(['一', '二', '七']);
    });
  });
});
