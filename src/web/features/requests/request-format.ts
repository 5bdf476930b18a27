import type { AccountRequest, RequestStatus } from '../../api/requests.ts';

export const statusLabels: Record<RequestStatus, string> = { open: 'Open', waiting: 'Waiting for the person', resolved: 'Resolved' };
export const statusColors: Record<RequestStatus, string> = { open: 'blue', waiting: 'yellow', resolved: 'green' };

/** "3 h", "2 d": how long something took or has lasted, in the largest unit that fits. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

export function ageOf(request: Pick<AccountRequest, 'createdAt'>, now = Date.now()): string {
  return duration(Math.max(0, Math.round((now - Date.parse(request.createdAt)) / 1000)));
}

export function placeOf(request: Pick<AccountRequest, 'orgName' | 'organizationText'>): string {
  return request.orgName ?? (request.organizationText ? `“${request.organizationText}” (typed)` : 'No organization named');
}

export const when = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
