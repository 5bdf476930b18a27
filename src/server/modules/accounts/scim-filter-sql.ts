import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AccountFilter, AccountFilterField } from './account-filter.ts';
import { emailKey, nameKey, usernameKey } from './account-keys.ts';

type EB = ExpressionBuilder<Database & { o: Database['organizations'] }, 'accounts' | 'o'>;

/** Where each field lives, and how a value is keyed before comparing (case-insensitive fields compare their keys). */
const columns: Record<Exclude<AccountFilterField, 'active'>, { column: string; key: (v: string) => string; nullable: boolean }> = {
  id: { column: 'accounts.id', key: (v) => v, nullable: false },
  username: { column: 'accounts.username_key', key: usernameKey, nullable: false },
  email: { column: 'accounts.email_key', key: emailKey, nullable: false },
  firstName: { column: 'accounts.first_name_key', key: nameKey, nullable: false },
  lastName: { column: 'accounts.last_name_key', key: nameKey, nullable: false },
  scimExternalId: { column: 'accounts.scim_external_id', key: (v) => v, nullable: true },
  externalId: { column: 'accounts.external_id', key: (v) => v, nullable: true },
  createdAt: { column: 'accounts.created_at', key: (v) => v, nullable: false },
  updatedAt: { column: 'accounts.updated_at', key: (v) => v, nullable: false },
};

const activeStatuses = ['active', 'invited'];
const likeEscaped = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The filter as one SQL condition. Every comparison is written so it is true or false, never null
 * (a nullable column is tested for null first), so `not` means exactly "the opposite".
 */
export function accountFilterSql(eb: EB, filter: AccountFilter): Expression<SqlBool> {
  switch (filter.op) {
    case 'and':
      return eb.and(filter.filters.map((f) => accountFilterSql(eb, f)));
    case 'or':
      return eb.or(filter.filters.map((f) => accountFilterSql(eb, f)));
    case 'not':
      return eb.not(accountFilterSql(eb, filter.filter));
    case 'const':
      return sql<SqlBool>`${sql.lit(filter.value ? 1 : 0)} = 1`;
    case 'pr': {
      if (filter.field === 'active') return sql<SqlBool>`1 = 1`;
      const ref = sql.ref(columns[filter.field].column);
      return sql<SqlBool>`(${ref} is not null and ${ref} <> '')`;
    }
    default: {
      if (filter.field === 'active') {
        const wanted = filter.value === true;
        const isActive = eb('accounts.status', 'in', activeStatuses);
        if (filter.op === 'eq') return wanted ? isActive : eb.not(isActive);
        return wanted ? eb.not(isActive) : isActive;
      }
      const { column, key, nullable } = columns[filter.field];
      const ref = sql.ref(column);
      const value = key(String(filter.value));
      const known = (condition: ReturnType<typeof sql<SqlBool>>) =>
        nullable ? sql<SqlBool>`(${ref} is not null and ${condition})` : condition;
      switch (filter.op) {
        case 'eq':
          return known(sql<SqlBool>`${ref} = ${value}`);
        case 'ne':
          return sql<SqlBool>`not ${known(sql<SqlBool>`${ref} = ${value}`)}`;
        case 'co':
          return known(sql<SqlBool>`${ref} like ${`%${likeEscaped(value)}%`} escape '\\'`);
        case 'sw':
          return known(sql<SqlBool>`${ref} like ${`${likeEscaped(value)}%`} escape '\\'`);
        case 'ew':
          return known(sql<SqlBool>`${ref} like ${`%${likeEscaped(value)}`} escape '\\'`);
        case 'gt':
          return known(sql<SqlBool>`${ref} > ${value}`);
        case 'ge':
          return known(sql<SqlBool>`${ref} >= ${value}`);
        case 'lt':
          return known(sql<SqlBool>`${ref} < ${value}`);
        case 'le':
          return known(sql<SqlBool>`${ref} <= ${value}`);
      }
    }
  }
}
