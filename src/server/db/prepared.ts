import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './connection.ts';
import { nameStatement } from './statement-names.ts';

type Plan = { sql: string; parameters: ({ param: number } | { constant: unknown })[] };

/**
 * A read that every request makes, its SQL built by Kysely once per dialect and then only bound to new
 * values. Building Kysely's query tree (and the camel-case plugin's copy of it) cost the bearer token's
 * five-table join 14 times what SQLite took to run it (~140 µs against 10). Rows still pass through the
 * plugins, so their keys are camelCase as usual.
 *
 * `build` receives stand-ins for the values, not the values: the query's shape must not depend on them
 * (no `in` list whose length varies, no condition added only for some values).
 */
export function prepared<Params extends unknown[], Row>(
  arity: Params['length'],
  build: (db: Executor, ...params: Params) => Compilable<Row>,
): (db: Executor, ...params: Params) => Promise<Row[]> {
  // One plan per dialect adapter: transactions share their database's adapter, so they share its plan.
  const plans = new WeakMap<object, Plan>();
  return async (db, ...params) => {
    const adapter = db.getExecutor().adapter;
    let plan = plans.get(adapter);
    if (!plan) {
      const standIns = Array.from({ length: arity }, (_, i) => `\u0000prepared-parameter-${i}\u0000`);
      const compiled = build(db, ...(standIns as Params)).compile();
      plan = {
        sql: compiled.sql,
        parameters: compiled.parameters.map((value) => {
          const param = standIns.indexOf(value as string);
          return param >= 0 ? { param } : { constant: value };
        }),
      };
      // A value inlined into the SQL, or not bound at all, would be the stand-in forever: refuse such a query.
      const bound = plan.parameters.flatMap((p) => ('param' in p ? [p.param] : []));
      if (standIns.some((text, i) => compiled.sql.includes(text) || !bound.includes(i))) {
        throw new Error(`prepared(): every value must be bound as a parameter: ${compiled.sql}`);
      }
      plans.set(adapter, plan);
    }
    // Marked every call, not only when planned: a migration run in this process starts the names afresh.
    nameStatement(plan.sql);
    const values = plan.parameters.map((p) => ('param' in p ? params[p.param] : p.constant));
    return (await db.executeQuery<Row>(CompiledQuery.raw(plan.sql, values))).rows;
  };
}
