import { z } from 'zod';
import { importFields, importModes } from './imports.ts';

/**
 * Import templates as tenant data (GET/POST /api/import-templates, PATCH/DELETE …/:key). A template
 * describes a spreadsheet layout: its columns in order, what each one fills, and how strictly the
 * header is read. The same shapes validate the console's editor and the API.
 */

/** Date spellings a column may accept; a column that names none accepts YYYY-MM-DD and M/D/YYYY. */
export const templateDateFormats = ['YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY', 'D.M.YYYY'] as const;
export type TemplateDateFormat = (typeof templateDateFormats)[number];
export const defaultDateFormats: TemplateDateFormat[] = ['YYYY-MM-DD', 'M/D/YYYY'];

/** A default of "today" fills a blank date with the day the file is checked (guide: "Date of Hire = Date of Account Creation"). */
export const todayDefault = 'today';

const headerText = z.string().trim().min(1, 'Give the column a header.').max(100, 'A header has at most 100 characters.');

export const templateColumnSchema = z.object({
  /** The header as the template writes it (also returned as `header`). */
  name: headerText,
  /** Other headers that mean the same column (e.g. EmploymentType for EmployeeType). */
  aliases: z.array(headerText).max(20).default([]),
  /** The account field the column fills, or "ignore" for a column the import does not read. */
  field: z.enum(importFields),
  /** For an ignored column: true when its cells must be left blank, false when they may hold anything. */
  mustBeBlank: z.boolean().default(false),
  required: z.boolean().default(false),
  /** A fixed list: a cell must match one (ignoring case, spaces and dash style) and is stored as the list spells it. */
  allowedValues: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  dateFormats: z.array(z.enum(templateDateFormats)).min(1).max(templateDateFormats.length).optional(),
  /** What a blank cell (or an absent column) becomes; "today" for dates. */
  default: z.string().trim().max(200).optional(),
  description: z.string().max(500).optional(),
  example: z.string().max(200).optional(),
});
export type TemplateColumn = z.infer<typeof templateColumnSchema>;

/** What a template's rows make: accounts (created, updated, archived), or enrollments of existing accounts. */
export const templateKinds = ['accounts', 'enrollments'] as const;
export type TemplateKind = (typeof templateKinds)[number];

export const importTemplateSchema = z.object({
  key: z.string(),
  /** Absent: accounts (every template made before enrollments imports existed). */
  kind: z.enum(templateKinds).optional(),
  label: z.string(),
  description: z.string().max(2000).optional(),
  columns: z.array(templateColumnSchema),
  /** Values every row receives, whatever the file says (e.g. Affiliation = "California Community Partners"). */
  fixedValues: z.record(z.string(), z.string()).default({}),
  /**
   * strict: the header must be exactly the template's, in its order, and an unknown column fails the
   * file; lenient: any case, spacing and order, and unknown columns are ignored (the preview names them).
   */
  headerMode: z.enum(['strict', 'lenient']),
  /** Every column must be present and every cell filled ("All fields in the template are required"). */
  allRequired: z.boolean().default(false),
  /** The import modes this template may be used with; the first one is the default. */
  modes: z
    .array(z.enum(importModes))
    .min(1)
    .default([...importModes]),
});
export type ImportTemplate = z.infer<typeof importTemplateSchema>;

/** A template as the API shows it: each column also carries `header`, and built-ins say so. */
export const importTemplateViewSchema = importTemplateSchema.extend({
  columns: z.array(templateColumnSchema.extend({ header: z.string() })),
  /** Built-in templates can be edited but not deleted. */
  builtIn: z.boolean(),
  /** The preset it was installed from, if any. */
  preset: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ImportTemplateView = z.infer<typeof importTemplateViewSchema>;

/** `header` is accepted as a synonym of `name`, as the contract words it. */
const columnInputSchema = z.preprocess((value) => {
  if (value && typeof value === 'object' && !('name' in value) && 'header' in value) {
    const { header, ...rest } = value as Record<string, unknown>;
    return { ...rest, name: header };
  }
  if (value && typeof value === 'object' && 'header' in value) {
    const { header: _ignored, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  return value;
}, templateColumnSchema.strict());

const templateBody = {
  label: z.string().trim().min(1, 'Give the template a name.').max(100),
  description: z.string().trim().max(2000).optional(),
  columns: z.array(columnInputSchema).min(1, 'A template needs at least one column.').max(60, 'A template has at most 60 columns.'),
  fixedValues: z.record(z.string().max(100), z.string().max(200)).optional(),
  headerMode: z.enum(['strict', 'lenient']).optional(),
  allRequired: z.boolean().optional(),
  modes: z.array(z.enum(importModes)).min(1, 'Allow at least one import mode.').optional(),
};

export const templateKeyPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const keySchema = z.string().trim().regex(templateKeyPattern, 'Use lowercase letters, digits, dashes and underscores (at most 64).');

/** POST: a whole new template, or `{"preset": "…"}` to install one of the presets. */
export const importTemplateCreateSchema = z.union([
  z.strictObject({ preset: z.string().trim().min(1).max(100), key: keySchema.optional() }),
  z.strictObject({ key: keySchema, ...templateBody }),
]);
export type ImportTemplateCreate = z.infer<typeof importTemplateCreateSchema>;

export const importTemplatePatchSchema = z.strictObject({
  label: templateBody.label.optional(),
  description: templateBody.description,
  columns: templateBody.columns.optional(),
  fixedValues: templateBody.fixedValues,
  headerMode: templateBody.headerMode,
  allRequired: templateBody.allRequired,
  modes: templateBody.modes,
});
export type ImportTemplatePatch = z.infer<typeof importTemplatePatchSchema>;

export const templatePresetSchema = z.object({ key: z.string(), label: z.string(), description: z.string() });
export type TemplatePreset = z.infer<typeof templatePresetSchema>;

/** The tenant whose templates are meant: the caller's own, or the tenant of `orgId`. */
export const importTemplateQuerySchema = z.strictObject({ orgId: z.string().max(64).optional() });
export const importTemplateParamsSchema = z.object({ key: z.string().min(1).max(64) });
