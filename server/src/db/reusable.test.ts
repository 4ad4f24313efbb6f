import SQLite from 'better-sqlite3';
import { CamelCasePlugin, type Insertable, Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reusable } from './reusable.ts';
import type { Database, RegionTable } from './schema.ts';

/** An in-memory database with the regions table only, through the same plugin as the application's. */
async function database() {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
    plugins: [new CamelCasePlugin()],
  });
  await sql`create table regions (id text primary key, code text not null, name text not null, kind text not null,
    parent_id text, sort_order integer not null)`.execute(db);
  return db;
}

const insertRegion = reusable((db, row: Insertable<RegionTable>) => db.insertInto('regions').values(row));
const regionsByIds = reusable((db, ids: string[]) =>
  db.selectFrom('regions').select(['id', 'name', 'parentId']).where('id', 'in', ids).orderBy('sortOrder'),
);

describe('reusable queries', () => {
  it('fills lists and records of any shape with each call’s values', async () => {
    const db = await database();
    const region = (id: string, name: string, sortOrder: number) => ({
      id,
      code: id,
      name,
      kind: 'county',
      sortOrder,
    });
    await insertRegion(db, { ...region('hy', '河源市', 1), parentId: null });
    // Other shapes: a key left undefined is a column left out, a key not given at all likewise.
    await insertRegion(db, { ...region('yc', '源城区', 2), parentId: 'hy' });
    await insertRegion(db, { ...region('zj', '紫金县', 3), parentId: undefined });
    await insertRegion(db, region('lc', '龙川县', 4));
    await insertRegion(db, { ...region('dy', '东源县', 5), parentId: 'hy' });
    expect(await regionsByIds(db, ['dy', 'hy'])).toEqual([
      { id: 'hy', name: '河源市', parentId: null },
      { id: 'dy', name: '东源县', parentId: 'hy' },
    ]);
    expect(await regionsByIds(db, ['lc', 'zj', 'yc'])).toEqual([
      { id: 'yc', name: '源城区', parentId: 'hy' },
      { id: 'zj', name: '紫金县', parentId: null },
      { id: 'lc', name: '龙川县', parentId: null },
    ]);
    expect(await regionsByIds(db, ['nowhere'])).toEqual([]);
    await db.destroy();
  });

  it('keeps apart what a database without its plugins compiles', async () => {
    const db = await database();
    await insertRegion(db, {
      id: 'hy',
      code: 'hy',
      name: '河源市',
      kind: 'city',
      parentId: null,
      sortOrder: 1,
    });
    // The builder names `parentId`: through the plugin it is parent_id, without it a column that does not exist.
    expect(await regionsByIds(db, ['hy'])).toEqual([{ id: 'hy', name: '河源市', parentId: null }]);
    await expect(regionsByIds(db.withoutPlugins(), ['hy'])).rejects.toThrow(/no such column/);
    expect(await regionsByIds(db, ['hy'])).toEqual([{ id: 'hy', name: '河源市', parentId: null }]);
    await db.destroy();
  });
});
