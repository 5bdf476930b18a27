import { z } from 'zod';

/** Paging and projection of a list (RFC 7644 §3.4.2); numbers arrive as text and are read leniently, as the RFC asks. */
export const listQuerySchema = z.object({
  filter: z.string().max(4000).optional(),
  startIndex: z.string().max(20).optional(),
  count: z.string().max(20).optional(),
  attributes: z.string().max(2000).optional(),
  excludedAttributes: z.string().max(2000).optional(),
  sortBy: z.string().max(200).optional(),
  sortOrder: z.string().max(20).optional(),
});

export const projectionQuerySchema = z.object({
  attributes: z.string().max(2000).optional(),
  excludedAttributes: z.string().max(2000).optional(),
});

export const idParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** A resource body: its attributes are checked by the resource's own mapping, which answers in SCIM's terms. */
export const resourceBodySchema = z.record(z.string(), z.unknown());

export const patchBodySchema = z.object({
  schemas: z.array(z.string().max(200)).max(10),
  Operations: z
    .array(
      z.object({
        op: z.string().max(20),
        path: z.string().max(1000).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(1000),
});

/** startIndex is 1-based (below 1 reads as 1); count is capped, and 0 asks only for totalResults. */
export function paging(
  query: { startIndex?: string; count?: string },
  max: number,
  fallback: number,
): { startIndex: number; count: number } {
  const start = Number.parseInt(query.startIndex ?? '1', 10);
  const count = Number.parseInt(query.count ?? String(fallback), 10);
  return {
    startIndex: Number.isFinite(start) && start >= 1 ? start : 1,
    count: Number.isFinite(count) ? Math.min(Math.max(count, 0), max) : fallback,
  };
}
