/** The most accounts a bulk change may touch without `confirm: true` when the tenant sets none. */
export const defaultThresholdCap = 100;

/**
 * The tenant's change threshold: its own setting, or the smaller of 100 and a tenth of its active
 * accounts (at least 1), so a small tenant is asked before a change to a good share of its people.
 */
export async function changeThreshold(setting: number | null, countActive: () => Promise<number>): Promise<number> {
  if (setting !== null) return setting;
  return Math.min(defaultThresholdCap, Math.max(1, Math.floor((await countActive()) / 10)));
}
