import { useSession } from '../../app/session.ts';
import { useMayReadMail } from '../mail/mail-labels.tsx';

/**
 * What to say instead of "on its way" when this server holds mail (no SMTP server): the email exists,
 * but only on the Mail page — which is named only to those who may open it.
 * Undefined when mail is sent.
 */
export function useHeldMailNote(): string | undefined {
  const me = useSession();
  const mayReadMail = useMayReadMail();
  if (me.mailDelivery !== 'held') return undefined;
  return mayReadMail
    ? 'No SMTP server is configured, so the email is not sent: it is held on the Mail page.'
    : 'No SMTP server is configured, so the email is not sent: Registrar keeps it, unsent, for the tenant’s administrators.';
}
