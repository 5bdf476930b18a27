const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const numberFormat = new Intl.NumberFormat();

export const formatNumber = (n: number) => numberFormat.format(n);

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  // Plain calendar dates (YYYY-MM-DD) are not instants: show them as written, in no time zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export function formatRelative(value: string | null | undefined, now = Date.now()): string {
  if (!value) return 'Never';
  const then = new Date(value).getTime();
  if (Number.isNaN(then)) return value;
  const seconds = Math.round((then - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'Just now';
}

export const fullName = (a: { firstName: string; lastName: string }) => `${a.firstName} ${a.lastName}`.trim();

export const initials = (a: { firstName: string; lastName: string }) => `${a.firstName.charAt(0)}${a.lastName.charAt(0)}`.toUpperCase();

/**
 * The first name to greet someone by, or undefined when the account's name is a placeholder rather than a
 * person's: the administrator made on first start is "System Administrator", and "Welcome, System." reads as nonsense.
 */
export const greetingName = (a: { firstName: string; lastName: string }): string | undefined =>
  a.firstName && !(a.firstName === 'System' && a.lastName === 'Administrator') ? a.firstName : undefined;
