import { z } from 'zod';
import { controlCharacters, duplicatesResultSchema, emailSchema } from './accounts.ts';

/**
 * Account requests: the public form (POST /api/public/account-requests), the requester's private link,
 * and the help-desk queue (/api/account-requests). Response templates live in response-templates.ts.
 */

export const requestStatuses = ['open', 'waiting', 'resolved'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Limits shared by the public form, the console and the API. */
export const requestLimits = { name: 100, short: 200, message: 4000, reply: 10_000, tag: 40, tags: 20 } as const;

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine((v) => !controlCharacters.test(v), 'Remove line breaks and control characters.');
const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en-US')} characters.`);

/** How the form treats one of its optional fields. */
export const formFieldModes = ['off', 'optional', 'required'] as const;
export type FormFieldMode = (typeof formFieldModes)[number];
export const formFieldNames = ['organization', 'roleWanted', 'programme', 'message'] as const;
export type FormFieldName = (typeof formFieldNames)[number];

export const requestFormSettingsSchema = z.strictObject({
  /** The shareable address is /request-account/<slug>; the tenant's id works too. */
  slug: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters.')
    .max(60, 'Use at most 60 characters.')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes, such as "wa-ceci".')
    .nullable(),
  enabled: z.boolean(),
  fields: z.strictObject({
    organization: z.enum(formFieldModes),
    roleWanted: z.enum(formFieldModes),
    programme: z.enum(formFieldModes),
    message: z.enum(formFieldModes),
  }),
  /** Offer the tenant's organizations to pick from (otherwise the person types one). */
  listOrganizations: z.boolean(),
  introduction: paragraph(1000),
});
export type RequestFormSettings = z.infer<typeof requestFormSettingsSchema>;

export const defaultRequestFormSettings: RequestFormSettings = {
  slug: null,
  enabled: true,
  fields: { organization: 'optional', roleWanted: 'optional', programme: 'optional', message: 'optional' },
  listOrganizations: false,
  introduction: '',
};

export const requestFormViewSchema = requestFormSettingsSchema.extend({ tenantId: z.string(), tenantName: z.string() });
export type RequestFormView = z.infer<typeof requestFormViewSchema>;

/** GET /api/public/account-requests/forms/:tenant — what the public page shows. */
export const publicRequestFormSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  introduction: z.string(),
  fields: requestFormSettingsSchema.shape.fields,
  /** Present when the tenant lists its organizations to pick from. */
  organizations: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
});
export type PublicRequestForm = z.infer<typeof publicRequestFormSchema>;

export const tenantParamsSchema = z.object({ tenant: z.string().min(1).max(64) });

/** POST /api/public/account-requests */
export const publicRequestInputSchema = z.strictObject({
  /** The tenant's slug or id, from the link the person followed. */
  tenant: z.string().trim().min(1, 'Follow the link your organization shared.').max(64),
  firstName: line(requestLimits.name).min(1, 'Enter your first name.'),
  lastName: line(requestLimits.name).min(1, 'Enter your last name.'),
  email: emailSchema,
  orgId: z.string().trim().max(64).optional(),
  organization: line(requestLimits.short).optional(),
  roleWanted: line(requestLimits.short).optional(),
  programme: line(requestLimits.short).optional(),
  message: paragraph(requestLimits.message).optional(),
  /** Left empty by people; a form-filling robot fills it. Named like a real field on purpose. */
  website: z.string().max(500).optional(),
});
export type PublicRequestInput = z.infer<typeof publicRequestInputSchema>;

export const requestReceivedSchema = z.object({ status: z.literal('received'), message: z.string() });
export type RequestReceived = z.infer<typeof requestReceivedSchema>;

/** One entry of the thread. `reply` was emailed; `note` stays with staff; `event` records a change. */
export const requestMessageKinds = ['requester', 'reply', 'note', 'event'] as const;
export const requestMessageSchema = z.object({
  id: z.string(),
  kind: z.enum(requestMessageKinds),
  authorLabel: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  templateKey: z.string().nullable(),
  createdAt: z.string(),
});
export type RequestMessage = z.infer<typeof requestMessageSchema>;

/** What the requester sees through their private link: no staff notes, no internal events. */
export const publicRequestViewSchema = z.object({
  number: z.number(),
  status: z.enum(requestStatuses),
  tenantName: z.string(),
  firstName: z.string(),
  createdAt: z.string(),
  messages: z.array(requestMessageSchema.pick({ kind: true, authorLabel: true, body: true, createdAt: true })),
});
export type PublicRequestView = z.infer<typeof publicRequestViewSchema>;

export const requesterMessageInputSchema = z.strictObject({
  body: paragraph(requestLimits.message).min(1, 'Write your answer.'),
});

const personRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const accountRequestSchema = z.object({
  id: z.string(),
  number: z.number(),
  tenantId: z.string(),
  status: z.enum(requestStatuses),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  /** What the person typed when they did not pick an organization. */
  organizationText: z.string().nullable(),
  roleWanted: z.string().nullable(),
  programme: z.string().nullable(),
  message: z.string().nullable(),
  tags: z.array(z.string()),
  assignee: personRef,
  redirectedTo: personRef,
  /** The account made (or found) for this request. */
  account: personRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  firstAnsweredAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Seconds from the request to the first answer sent, and to its resolution (null until then). */
  firstAnswerSeconds: z.number().nullable(),
  resolutionSeconds: z.number().nullable(),
});
export type AccountRequest = z.infer<typeof accountRequestSchema>;

export const accountRequestDetailSchema = accountRequestSchema.extend({ messages: z.array(requestMessageSchema) });
export type AccountRequestDetail = z.infer<typeof accountRequestDetailSchema>;

export const requestQuerySchema = z.strictObject({
  status: z.enum(requestStatuses).optional(),
  tag: line(requestLimits.tag).optional(),
  orgId: z.string().max(64).optional(),
  /** An account id, `me`, or `none` (unassigned). */
  assignee: z.string().max(64).optional(),
  q: line(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type RequestQuery = z.infer<typeof requestQuerySchema>;

export const requestPageSchema = z.object({ items: z.array(accountRequestSchema), nextCursor: z.string().nullable() });
export type RequestPage = z.infer<typeof requestPageSchema>;

/** GET /api/account-requests/stats — counts in the caller's queue and the average times. */
export const requestStatsSchema = z.object({
  open: z.number(),
  waiting: z.number(),
  resolved: z.number(),
  averageFirstAnswerSeconds: z.number().nullable(),
  averageResolutionSeconds: z.number().nullable(),
});
export type RequestStats = z.infer<typeof requestStatsSchema>;

export const replyInputSchema = z
  .strictObject({
    templateKey: z.string().trim().min(1).max(64).optional(),
    subject: line(200).min(1).optional(),
    body: paragraph(requestLimits.reply).min(1, 'Write a reply.').optional(),
    /** A note stays in the thread for staff and is not emailed. */
    note: z.boolean().optional(),
  })
  .refine((v) => (v.templateKey === undefined) !== (v.body === undefined), {
    message: 'Send either a template (templateKey) or your own words (body).',
    path: ['body'],
  });
export type ReplyInput = z.infer<typeof replyInputSchema>;

export const createFromRequestSchema = z.strictObject({
  orgId: z.string().trim().min(1, 'Choose an organization.').max(64),
  role: z.string().trim().min(1).max(100).optional(),
  firstName: line(requestLimits.name).min(1).optional(),
  lastName: line(requestLimits.name).min(1).optional(),
  email: emailSchema.optional(),
  /** A temporary password (changed at first sign-in), for tenants that give new accounts one instead of an activation link. */
  password: z.string().min(1).max(256, 'Use at most 256 characters.').optional(),
  attested: z.boolean().optional(),
});
export type CreateFromRequestInput = z.infer<typeof createFromRequestSchema>;

export const redirectInputSchema = z.strictObject({ accountId: z.string().trim().min(1).max(64) });
export const assignInputSchema = z.strictObject({ accountId: z.string().trim().min(1).max(64).nullable() });
export const tagsInputSchema = z.strictObject({
  tags: z
    .array(
      line(requestLimits.tag)
        .min(1, 'A tag has at least one character.')
        .regex(/^[^"\\]*$/, 'Leave quotes and backslashes out of tags.'),
    )
    .max(requestLimits.tags, `Use at most ${requestLimits.tags} tags.`),
});

/** Who a request may be handed to: people in reach who may invite someone. */
export const redirectCandidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  orgName: z.string(),
  mayInvite: z.array(z.string()),
});
export const redirectCandidatesSchema = z.object({ items: z.array(redirectCandidateSchema) });
export type RedirectCandidate = z.infer<typeof redirectCandidateSchema>;

export const requestDuplicatesSchema = duplicatesResultSchema;
