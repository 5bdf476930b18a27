import { Paper, Stack, Text } from '@mantine/core';
import { Navigate } from 'react-router';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { greetingName } from '../../components/format.ts';
import { can, useSession } from '../../app/session.ts';

/**
 * Where "/" leads. Administrators go to their accounts; a learner who has just activated their account
 * (and has nothing to administer) sees their account instead of a refusal.
 */
export function HomePage() {
  const me = useSession();
  const name = greetingName(me.account);
  useDocumentTitle(name ? `Welcome, ${name}` : 'Welcome');
  if (can(me, 'accounts.read')) return <Navigate to="/accounts" replace />;
  const { account } = me;
  return (
    <>
      <PageHeader
        title={name ? `Welcome, ${name}` : 'Welcome'}
        description="Your account is active. Use it to sign in to your training platform."
      />
      <Paper p="lg" maw={560}>
        <Stack gap="xs">
          <Text>
            <Text span fw={600}>
              Name:
            </Text>{' '}
            {account.firstName} {account.lastName}
          </Text>
          <Text>
            <Text span fw={600}>
              Username:
            </Text>{' '}
            {account.username}
          </Text>
          <Text>
            <Text span fw={600}>
              Email:
            </Text>{' '}
            {account.email}
          </Text>
          {account.roles.length > 0 && (
            <Text>
              <Text span fw={600}>
                Roles:
              </Text>{' '}
              {account.roles.map((r) => `${r.label} at ${r.orgName}`).join('; ')}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            There is nothing to administer from this account. If something here is wrong, ask your administrator.
          </Text>
        </Stack>
      </Paper>
    </>
  );
}
