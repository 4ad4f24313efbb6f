import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.ts';

/**
 * Queries built and compiled once and run again with new values. Kysely builds and compiles a query on
 * every call (about half of a primary-key read's cost on SQLite); the hot reads (the session of every
 * request, an appeal's detail) skip that. The builder is called once per shape of its parameters (the length
 * of each list, the keys of each record) and dialect, with stand-ins; the stand-ins' places among the
 * compiled parameters are then filled with each call's values. A builder must not branch on its parameters'
 * values, only pass them on. A record parameter (the row of an insert) is shaped by its keys whose values
 * are not undefined, as Kysely leaves those columns out.
 */

class Slot {
  constructor(
    readonly param: number,
    readonly item: number | string | null,
  ) {}
}

type PlainObject = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function definedKeys(record: PlainObject): string[] {
  return Object.keys(record).filter((key) => record[key] !== undefined);
}

interface Template {
  compiled: CompiledQuery;
  parameters: readonly unknown[];
}

function shapeOf(params: readonly unknown[]): string {
  return params
    .map((p) => (Array.isArray(p) ? String(p.length) : isRecord(p) ? `{${definedKeys(p).join(',')}}` : '.'))
    .join(';');
}

function standIn(param: unknown, index: number): unknown {
  if (Array.isArray(param)) return param.map((_, j) => new Slot(index, j));
  if (isRecord(param))
    return Object.fromEntries(definedKeys(param).map((key) => [key, new Slot(index, key)]));
  return new Slot(index, null);
}

export function reusable<P extends readonly unknown[], R>(
  build: (db: Executor, ...params: P) => Compilable<R>,
): (db: Executor, ...params: P) => Promise<R[]> {
  const own = new WeakMap<object, Map<string, Template>>();
  return async (db, ...params) => {
    // The compiled SQL depends on the dialect and plugins only: one template for the database and its
    // transactions, which share its adapter.
    const executor = db.getExecutor();
    const adapter = executor.adapter;
    let byShape = own.get(adapter);
    if (!byShape) {
      byShape = new Map();
      own.set(adapter, byShape);
    }
    // A database without its plugins (the restore's) shares the adapter but compiles other names.
    const shape = `${executor.plugins.length}|${shapeOf(params)}`;
    let template = byShape.get(shape);
    if (!template) {
      const stands = params.map(standIn) as unknown as P;
      const compiled = build(db, ...stands).compile();
      template = { compiled, parameters: compiled.parameters };
      byShape.set(shape, template);
    }
    const parameters = template.parameters.map((p) => {
      if (!(p instanceof Slot)) return p;
      const value = params[p.param];
      if (p.item === null) return value;
      return typeof p.item === 'number'
        ? (value as readonly unknown[])[p.item]
        : (value as PlainObject)[p.item];
    });
    const result = await db.executeQuery<R>({ ...template.compiled, parameters } as CompiledQuery<R>);
    return result.rows;
  };
}
