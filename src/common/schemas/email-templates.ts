import { z } from 'zod';

/**
 * A tenant's wording of the emails Registrar sends (GET/PUT/DELETE /api/email-templates/:key and
 * POST …/preview). The keys and their placeholders are defined on the server, in the template catalog.
 */

/** Limits shared by the editor's form and the API. */
export const emailTemplateLimits = { subject: 200, bodyText: 20_000, bodyHtml: 50_000 } as const;

export const emailTemplateSchema = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string(),
  /** The names this email may use as `{{name}}`. */
  placeholders: z.array(z.string()),
  /** Placeholders the email must keep (for example the activation link), in the text and in any HTML. */
  requiredPlaceholders: z.array(z.string()),
  subject: z.string(),
  bodyText: z.string(),
  /** Null: the HTML part is made from the text. */
  bodyHtml: z.string().nullable(),
  /** True when the tenant has its own wording; false while the built-in one is used. */
  customized: z.boolean(),
  /** When the tenant last saved its wording; null for the built-in one. */
  updatedAt: z.string().nullable(),
});
export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

export const emailTemplateListSchema = z.object({ items: z.array(emailTemplateSchema) });
export type EmailTemplateList = z.infer<typeof emailTemplateListSchema>;

/** `tenantId` defaults to the caller's own tenant; global administrators name the tenant they edit. */
export const emailTemplateQuerySchema = z.strictObject({
  tenantId: z.string().trim().min(1, 'Name a tenant.').max(64, 'A tenant id has at most 64 characters.').optional(),
});
export type EmailTemplateQuery = z.infer<typeof emailTemplateQuerySchema>;

export const emailTemplateParamsSchema = z.object({ key: z.string().min(1).max(64) });

const subjectSchema = z
  .string()
  .trim()
  .min(1, 'Write a subject.')
  .max(emailTemplateLimits.subject, `Use at most ${emailTemplateLimits.subject} characters.`)
  .regex(/^[^\r\n]*$/, 'A subject is one line.');

const bodyTextSchema = z
  .string()
  .max(emailTemplateLimits.bodyText, `Use at most ${emailTemplateLimits.bodyText.toLocaleString('en-US')} characters.`)
  .refine((text) => text.trim() !== '', 'Write the message.');

/** Empty or null: the HTML part is made from the text. */
const bodyHtmlSchema = z
  .string()
  .max(emailTemplateLimits.bodyHtml, `Use at most ${emailTemplateLimits.bodyHtml.toLocaleString('en-US')} characters.`)
  .nullable()
  .default(null);

/** PUT /api/email-templates/:key — the tenant's wording replaces the built-in one. */
export const emailTemplateInputSchema = z.strictObject({
  subject: subjectSchema,
  bodyText: bodyTextSchema,
  bodyHtml: bodyHtmlSchema,
});
export type EmailTemplateInput = z.infer<typeof emailTemplateInputSchema>;

/**
 * POST /api/email-templates/:key/preview — an unsaved draft, checked only for size: the editor
 * previews as the administrator types, half-written texts included.
 */
export const emailTemplatePreviewInputSchema = z.strictObject({
  subject: z.string().max(emailTemplateLimits.subject, `Use at most ${emailTemplateLimits.subject} characters.`),
  bodyText: z.string().max(emailTemplateLimits.bodyText, `Use at most ${emailTemplateLimits.bodyText.toLocaleString('en-US')} characters.`),
  bodyHtml: bodyHtmlSchema,
});
export type EmailTemplatePreviewInput = z.infer<typeof emailTemplatePreviewInputSchema>;

export const emailTemplatePreviewSchema = z.object({
  subject: z.string(),
  bodyText: z.string(),
  /** Always HTML: the draft's own, or the one made from its text. */
  bodyHtml: z.string(),
  /** Placeholders the draft uses that this email does not offer (shown as written in the preview; saving refuses them). */
  unknown: z.array(z.string()),
  /** Required placeholders the draft leaves out (saving refuses that too). */
  missing: z.array(z.string()),
});
export type EmailTemplatePreview = z.infer<typeof emailTemplatePreviewSchema>;
