import { z } from 'zod';
import { isoDateSchema } from './accounts.ts';

export const seatModes = ['warn', 'block'] as const;
export type SeatMode = (typeof seatModes)[number];

const contractFields = {
  seats: z.number().int().min(1, 'Use at least 1 seat.').max(10_000_000),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  /** Percent of the seats at which the organization's administrators are told. */
  warnAt: z.number().int().min(1, 'Use 1 to 100 percent.').max(100, 'Use 1 to 100 percent.'),
  mode: z.enum(seatModes),
};

const datesInOrder = (v: { startsOn?: string; endsOn?: string }) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn;
const datesMessage = { message: 'The contract must end on or after the day it starts.', path: ['endsOn'] };

export const createSeatContractSchema = z
  .strictObject({ orgId: z.string().trim().min(1, 'Choose an organization.').max(64), ...contractFields })
  .refine(datesInOrder, datesMessage);
export type CreateSeatContractInput = z.infer<typeof createSeatContractSchema>;

export const updateSeatContractSchema = z.strictObject(contractFields).partial().refine(datesInOrder, datesMessage);
export type UpdateSeatContractInput = z.infer<typeof updateSeatContractSchema>;

export const seatContractSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  seats: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  warnAt: z.number().int(),
  mode: z.enum(seatModes),
  /** Whether today lies between its start and end. */
  current: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SeatContract = z.infer<typeof seatContractSchema>;
export const seatContractListSchema = z.object({ items: z.array(seatContractSchema) });

export const seatContractsQuerySchema = z.strictObject({ orgId: z.string().max(64).optional() });
export const seatsQuerySchema = z.strictObject({ orgId: z.string().min(1).max(64) });

const usage = { active: z.number().int(), invited: z.number().int(), used: z.number().int() };

export const seatsViewSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** The contract in force at this organization today, if any. */
  contract: seatContractSchema.nullable(),
  ...usage,
  /** Seats left under the contract (negative when over it); null without a contract. */
  free: z.number().int().nullable(),
  /** Usage per child organization (each with its whole subtree), and the accounts placed at the organization itself. */
  breakdown: z.array(z.object({ orgId: z.string(), orgName: z.string(), ...usage })),
  /** One point per day of the contract so far (the last known value carried over days without change). */
  history: z.array(z.object({ day: z.string(), active: z.number().int(), invited: z.number().int(), seats: z.number().int() })),
});
export type SeatsView = z.infer<typeof seatsViewSchema>;
