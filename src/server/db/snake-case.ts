import {
  CamelCasePlugin,
  PostgresQueryCompiler,
  SqliteQueryCompiler,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/*
 * camelCase in TypeScript, snake_case in the database, exactly as Kysely's CamelCasePlugin maps them, for
 * less CPU per query. The plugin renames identifiers by rebuilding the whole operation tree of each query
 * (a new frozen object per node) before the compiler walks it again; here the dialect's compiler renames
 * each identifier as it writes it, with the plugin's own mapper. And where the plugin builds each result
 * row key by key (about 3 µs for an account row, which V8 keeps as a slow dictionary), rows are built by
 * an object literal made once per set of columns. A search request runs four to seven queries and maps
 * about a hundred rows: these were a tenth of the server's CPU per request.
 */

const maxBuilders = 2000;

type RowMapper = (row: UnknownRow, nested: (value: unknown) => unknown) => UnknownRow;

/** The plugin's mappers, with queries left as they are: the compilers below rename identifiers instead. */
export class CamelCaseNames extends CamelCasePlugin {
  /** Row builders by their columns (joined with NUL). */
  private readonly builders = new Map<string, RowMapper>();
  private readonly nested = (value: unknown): unknown => this.mapNested(value);

  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const rows = args.result.rows;
    if (!Array.isArray(rows)) return args.result;
    if (rows.length === 0) return { ...args.result, rows: [] };
    // Every row of one result has the statement's columns (both drivers build each row from its column list).
    const build = this.builderFor(Object.keys(rows[0] as UnknownRow));
    const mapped = new Array<UnknownRow>(rows.length);
    for (let i = 0; i < rows.length; i++) mapped[i] = build(rows[i] as UnknownRow, this.nested);
    return { ...args.result, rows: mapped };
  }

  /** The database's name for a TypeScript identifier (`orgPath` → `org_path`). */
  nameInDatabase(identifier: string): string {
    return this.snakeCase(identifier);
  }

  /** A value inside a row: nested plain objects (and those in arrays) get camelCase keys too, as in the plugin. */
  private mapNested(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item: unknown) => (isPlainObject(item) ? this.mapRow(item) : item));
    return isPlainObject(value) ? this.mapRow(value) : value;
  }

  private builderFor(keys: string[]): RowMapper {
    const signature = keys.join('\u0000');
    let build = this.builders.get(signature);
    if (!build) {
      // Keys and names are written as JSON string literals, so no column name can become code.
      const fields = keys.map((key) => `${JSON.stringify(this.camelCase(key))}: nested(row[${JSON.stringify(key)}])`);
      build = new Function('row', 'nested', `return { ${fields.join(', ')} };`) as RowMapper;
      // The statements are the application's own, so their column sets are few; the bound is only a guard.
      if (this.builders.size >= maxBuilders) this.builders.clear();
      this.builders.set(signature, build);
    }
    return build;
  }
}

/** Kysely's own test (util/object-utils.ts): an object literal or one made with a null prototype. */
function isPlainObject(value: unknown): value is UnknownRow {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null) return true;
  let root: object = prototype;
  while (Object.getPrototypeOf(root) !== null) root = Object.getPrototypeOf(root) as object;
  return prototype === root;
}

/** SQLite's compiler, writing each identifier in snake_case. */
export class SnakeCaseSqliteQueryCompiler extends SqliteQueryCompiler {
  constructor(private readonly names: CamelCaseNames) {
    super();
  }

  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(this.names.nameInDatabase(identifier));
  }
}

/** PostgreSQL's compiler, writing each identifier in snake_case. */
export class SnakeCasePostgresQueryCompiler extends PostgresQueryCompiler {
  constructor(private readonly names: CamelCaseNames) {
    super();
  }

  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(this.names.nameInDatabase(identifier));
  }
}
