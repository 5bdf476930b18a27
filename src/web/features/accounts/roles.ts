/**
 * The roles every tenant starts with (see the default role catalog). Tenants will define their own once
 * GET /api/roles exists; until then the console offers these and shows any other key as it is.
 */
export const knownRoles = [
  { value: 'learner', label: 'Learner' },
  { value: 'admin', label: 'Administrator' },
];

export const roleLabel = (key: string, label?: string) => label ?? knownRoles.find((r) => r.value === key)?.label ?? key;
