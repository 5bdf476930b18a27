import { z } from 'zod';

/** Replies a help desk sends to account requests (/api/response-templates). */

export const responseTemplateLimits = { label: 100, subject: 200, body: 10_000 } as const;

/** The placeholders a reply may use; each is filled from the request, the account made for it, or the sender. */
export const responsePlaceholders = [
  'firstName',
  'lastName',
  'email',
  'username',
  'requestNumber',
  'requestUrl',
  'siteUrl',
  'tenantName',
  'orgName',
  'roleWanted',
  'programme',
  'inviterName',
  'inviterEmail',
  'senderFirstName',
  'senderLastName',
] as const;

export const responseTemplateSchema = z.object({
  key: z.string(),
  label: z.string(),
  subject: z.string(),
  body: z.string(),
  /** Built-in templates may be edited but not deleted. */
  builtIn: z.boolean(),
  /** True when the tenant changed a built-in template's words. */
  customized: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type ResponseTemplate = z.infer<typeof responseTemplateSchema>;

export const responseTemplateListSchema = z.object({ items: z.array(responseTemplateSchema), placeholders: z.array(z.string()) });
export type ResponseTemplateList = z.infer<typeof responseTemplateListSchema>;

const label = z.string().trim().min(1, 'Name the template.').max(responseTemplateLimits.label, 'Use at most 100 characters.');
const subject = z
  .string()
  .trim()
  .min(1, 'Write a subject.')
  .max(responseTemplateLimits.subject, 'Use at most 200 characters.')
  .regex(/^[^\r\n]*$/, 'A subject is one line.');
const body = z.string().trim().min(1, 'Write the reply.').max(responseTemplateLimits.body, 'Use at most 10,000 characters.');

export const responseTemplateKeySchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:[_-][a-z0-9]+)*$/, 'Use lowercase letters, digits, dashes and underscores.');

export const createResponseTemplateSchema = z.strictObject({ key: responseTemplateKeySchema.optional(), label, subject, body });
export type CreateResponseTemplateInput = z.infer<typeof createResponseTemplateSchema>;

export const updateResponseTemplateSchema = z.strictObject({ label: label.optional(), subject: subject.optional(), body: body.optional() });
export type UpdateResponseTemplateInput = z.infer<typeof updateResponseTemplateSchema>;

export const responseTemplateQuerySchema = z.strictObject({ tenantId: z.string().trim().min(1).max(64).optional() });
export const responseTemplateParamsSchema = z.object({ key: z.string().min(1).max(64) });

/** A draft (unsaved words) or the saved template, filled for one request or with sample values. */
export const responseTemplatePreviewInputSchema = z.strictObject({
  requestId: z.string().trim().min(1).max(64).optional(),
  subject: subject.optional(),
  body: body.optional(),
  tenantId: z.string().trim().min(1).max(64).optional(),
});
export type ResponseTemplatePreviewInput = z.infer<typeof responseTemplatePreviewInputSchema>;

export const responseTemplatePreviewSchema = z.object({ subject: z.string(), body: z.string(), unknown: z.array(z.string()) });
export type ResponseTemplatePreview = z.infer<typeof responseTemplatePreviewSchema>;
