import { Anchor, Grid, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Permissions } from '../../../common/permissions.ts';
import { can, useSession } from '../../app/session.ts';
import { fullName } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ChangePasswordSection } from './ChangePasswordSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TokensSection } from './TokensSection.tsx';

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="sm" mt={2}>
        {value}
      </Text>
    </div>
  );
}

/** The signed-in person's own page: who they are here, their password, where they are signed in, their API tokens. */
export function MyAccountPage() {
  useDocumentTitle('My account');
  const me = useSession();
  const a = me.account;
  const roles = a.roles.map((r) => `${r.label} at ${r.orgName}`).join('; ');
  return (
    <>
      <PageHeader title="My account" description={`${fullName(a)} · ${a.email}`} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Paper p="lg">
              <Title order={2} fz="md" mb="md">
                Profile
              </Title>
              <SimpleGrid cols={2} spacing="md">
                <Field label="Name" value={fullName(a)} />
                <Field label="Username" value={a.username} />
                <Field label="Email" value={a.email} />
                <Field label="Organization" value={a.orgName} />
                <Field label="Roles" value={me.isGlobalAdmin ? 'Global administrator' : roles || 'None'} />
              </SimpleGrid>
              {can(me, Permissions.accountsRead) && (
                <Anchor component={Link} to={`/accounts/${a.id}`} size="sm" mt="md" display="inline-block">
                  Open your profile, with its history
                </Anchor>
              )}
            </Paper>
            <ChangePasswordSection me={me} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SessionsSection />
            <TokensSection />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** API tokens on a page of their own, for those who come for them (the same section as on My account). */
export function TokensPage() {
  useDocumentTitle('API tokens');
  return (
    <>
      <PageHeader title="API tokens" description="Tokens let scripts call the Registrar API as you." />
      <TokensSection />
    </>
  );
}
