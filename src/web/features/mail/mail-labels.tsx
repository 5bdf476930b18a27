import { Badge } from '@mantine/core';
import type { MailStatus } from '../../../common/schemas/mail.ts';
import { mayReadMail, readsAllMail } from '../../../common/schemas/mail.ts';
import { useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';

export const mailStatusLabels: Record<MailStatus, string> = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  held: 'Held (no SMTP)',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const colors: Record<MailStatus, string> = {
  pending: 'yellow',
  sending: 'blue',
  sent: 'green',
  held: 'gray',
  failed: 'red',
  cancelled: 'gray',
};

export const mailKindLabels: Record<string, string> = {
  welcome: 'Welcome',
  welcome_activation: 'Welcome (activation link)',
  welcome_password: 'Welcome (temporary password)',
  password_reset: 'Password reset',
  import_log: 'Import log',
  invitation: 'Invitation',
  invitation_accepted: 'Invitation accepted',
  enrolled: 'Enrolled',
  waitlisted: 'Waitlisted',
  promoted: 'Promoted from the waitlist',
  section_cancelled: 'Section cancelled',
  seats_warning: 'Seats running out',
  inactivity_notice: 'Inactivity notice',
};

// A badge clips its label to the space it is given; in a table the label must be read whole, so the
// badge asks for its full width and the table's other columns wrap (or the table scrolls) instead.
const unclipped = { root: { overflow: 'visible', textTransform: 'none' }, label: { overflow: 'visible' } } as const;

export function MailStatusBadge({ status }: { status: MailStatus }) {
  return (
    <Badge color={colors[status]} variant="dot" radius="sm" styles={unclipped}>
      {mailStatusLabels[status]}
    </Badge>
  );
}

/** Said instead of the server's refusal when someone who may not read mail opens a Mail page by its address. */
export const mailForbidden =
  'Only administrators can read mail: a tenant’s administrators all of it, others the mail of the people they look after. Ask one of them if you need a message.';

/** Global administrators, and administrators at a tenant's root organization (the API decides; this hides the link). */
export function useMayReadMail(): boolean {
  const me = useSession();
  const { index } = useOrganizations();
  return mayReadMail(me, (orgId) => {
    const org = index.byId.get(orgId);
    return org !== undefined && org.parentId === null;
  });
}

/** Whether the person reads all of a tenant's mail and may send what was held (global and tenant administrators). */
export function useReadsAllMail(): boolean {
  const me = useSession();
  const { index } = useOrganizations();
  return readsAllMail(me, (orgId) => {
    const org = index.byId.get(orgId);
    return org !== undefined && org.parentId === null;
  });
}
