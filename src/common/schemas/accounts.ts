import { z } from 'zod';
import { accountStatuses } from '../permissions.ts';

/** Line breaks, NUL and other control characters have no place in a name or a field shown in a table. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
export const controlCharacters = /[\u0000-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine((v) => !controlCharacters.test(v), 'Remove line breaks and control characters.');
const optionalText = (max: number) => text(max).nullable().optional();

/** YYYY-MM-DD that names a real calendar day. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD.')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'This is not a real date.');

export const personNameSchema = text(100).min(1, 'Enter a name.');
export const emailSchema = z
  .string()
  .trim()
  .max(254, 'Use at most 254 characters.')
  .pipe(z.email('Enter a valid email address, such as ana@example.org.'));

const extraSchema = z
  .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((v) => Object.keys(v).length <= 50, 'Use at most 50 extra attributes.');

const accountFields = {
  firstName: personNameSchema,
  lastName: personNameSchema,
  email: emailSchema,
  username: text(254).min(1).optional(),
  affiliation: optionalText(200),
  employeeType: optionalText(200),
  dateHire: isoDateSchema.nullable().optional(),
  dateTransfer: isoDateSchema.nullable().optional(),
  jobTitle: optionalText(200),
  department: optionalText(200),
  externalId: optionalText(200),
  trainingManager: z.boolean().optional(),
  supervisor: z.boolean().optional(),
  extra: extraSchema.optional(),
};

export const createAccountSchema = z.strictObject({
  orgId: z.string().trim().min(1, 'Choose an organization.').max(64),
  ...accountFields,
  role: z.string().trim().min(1).max(100).optional(),
  password: z.string().max(256, 'Use at most 256 characters.').optional(),
  /** Required when the tenant asks people to confirm a sentence before creating an account. */
  attested: z.boolean().optional(),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const updateAccountSchema = z
  .strictObject({ orgId: z.string().trim().min(1).max(64).optional(), ...accountFields, defaultGroupId: z.string().max(64).nullable() })
  .partial();
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;

export const accountStatusSchema = z.enum(accountStatuses);

const listParam = z.string().max(500);
export const accountSearchSchema = z.strictObject({
  q: z.string().max(200).optional(),
  status: listParam.optional(),
  orgId: z.string().max(64).optional(),
  affiliation: z.string().max(200).optional(),
  employeeType: z.string().max(200).optional(),
  emailDomain: z.string().max(254).optional(),
  role: z.string().max(64).optional(),
  sort: z.enum(['name', 'email', 'createdAt', 'status', 'lastActivityAt']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2000).optional(),
  /** `exact` counts every match; by default counting stops at accountTotalCap and says so with `totalCapped`. */
  count: z.enum(['capped', 'exact']).optional(),
});
export type AccountSearchInput = z.infer<typeof accountSearchSchema>;

export const duplicateQuerySchema = z.strictObject({
  email: z.string().max(254).optional(),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  orgId: z.string().max(64).optional(),
  excludeId: z.string().max(64).optional(),
});
export type DuplicateQuery = z.infer<typeof duplicateQuerySchema>;

export const roleHeldSchema = z.object({ grantId: z.string(), key: z.string(), label: z.string(), orgId: z.string(), orgName: z.string() });

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: accountStatusSchema,
  orgId: z.string(),
  orgName: z.string(),
  affiliation: z.string().nullable(),
  employeeType: z.string().nullable(),
  dateHire: z.string().nullable(),
  dateTransfer: z.string().nullable(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  externalId: z.string().nullable(),
  trainingManager: z.boolean(),
  supervisor: z.boolean(),
  extra: z.record(z.string(), z.unknown()),
  roles: z.array(roleHeldSchema),
  /** Where the people this account invites land, unless an invitation names another group. */
  defaultGroupId: z.string().nullable(),
  isGlobalAdmin: z.boolean(),
  lastActivityAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Limits passed in "warn" mode by this change: it went through, and the console shows these. */
  warnings: z.array(z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() })).optional(),
});
export type Account = z.infer<typeof accountSchema>;

/**
 * Past this many matches a search answers `total: 1000, totalCapped: true` ("1,000+") unless asked to count exactly.
 * Counting is what a broad search spends most on (one index entry per match): past a thousand, a number is rarely
 * what the administrator acts on, and the console counts all of them when asked.
 */
export const accountTotalCap = 1_000;

export const accountPageSchema = z.object({
  items: z.array(accountSchema),
  /** Every match, or accountTotalCap when `totalCapped` (there are more). */
  total: z.number(),
  totalCapped: z.boolean(),
  nextCursor: z.string().nullable(),
});
export type AccountPage = z.infer<typeof accountPageSchema>;

export const accountSummarySchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  status: accountStatusSchema,
  orgId: z.string(),
  orgName: z.string(),
});

export const duplicateMatchSchema = z.object({
  match: z.enum(['email', 'name']),
  inScope: z.boolean(),
  /** Present only when the match is inside the caller's reach. */
  account: accountSummarySchema.optional(),
  score: z.number().optional(),
  message: z.string(),
});

export const duplicatesResultSchema = z.object({
  exact: z.array(duplicateMatchSchema),
  likely: z.array(duplicateMatchSchema),
});
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;
export type DuplicatesResult = z.infer<typeof duplicatesResultSchema>;
