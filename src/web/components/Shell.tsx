import { AppShell, Avatar, Box, Burger, Button, Divider, Group, NavLink, ScrollArea, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArmchair,
  IconBuildingCommunity,
  IconInbox,
  IconFileImport,
  IconHistory,
  IconLogout,
  IconUserCircle,
  IconMail,
  IconMailForward,
  IconSettings,
  IconUsers,
  IconUsersGroup,
  IconSchool,
  IconPlugConnected,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { authApi } from '../api/endpoints.ts';
import { Permissions } from '../../common/permissions.ts';
import { can, forgetSession, useSession } from '../app/session.ts';
import { useOrganizations } from '../features/organizations/useOrganizations.ts';
import { useAdministeredTenants } from '../features/settings/tenants.ts';
import { useMayReadMail, useReadsAllMail } from '../features/mail/mail-labels.tsx';
import { fullName, initials } from './format.ts';
import { OpenRequestsBadge, useMayHandleRequests } from '../features/requests/OpenRequestsBadge.tsx';

// Each page is listed only for someone whose roles carry its permission: a learner who has just
// activated their account sees no links that would only answer "not allowed".
const nav = [
  { to: '/accounts', label: 'Accounts', icon: IconUsers, permission: Permissions.accountsRead },
  { to: '/organizations', label: 'Organizations', icon: IconBuildingCommunity, permission: Permissions.orgsRead },
  { to: '/imports', label: 'Imports', icon: IconFileImport, permission: Permissions.importsRun },
  { to: '/invitations', label: 'Invitations', icon: IconMailForward, permission: Permissions.invitationsSend },
  { to: '/groups', label: 'Groups', icon: IconUsersGroup, permission: Permissions.groupsManage },
  { to: '/courses', label: 'Courses', icon: IconSchool, permission: Permissions.enrollmentsManage },
  { to: '/audit', label: 'Audit', icon: IconHistory, permission: Permissions.auditRead },
  // Identity providers' tokens: whoever creates accounts may let a provider do it for them.
  { to: '/settings/scim', label: 'SCIM', icon: IconPlugConnected, permission: Permissions.accountsWrite },
  { to: '/seats', label: 'Seats', icon: IconArmchair, permission: Permissions.accountsRead },
];
// Handlers see requests, and so do people who invite (a request may be handed to them); the link counts the open ones.
const requestsNav = { to: '/requests', label: 'Requests', icon: IconInbox, badge: true };
// Mail and Settings share an audience: global administrators and administrators of a tenant's root.
const mailNav = { to: '/mail', label: 'Mail', icon: IconMail };
const settingsNav = { to: '/settings', label: 'Settings', icon: IconSettings };

function ScopeSummary() {
  const me = useSession();
  const { index } = useOrganizations();
  if (me.isGlobalAdmin)
    return (
      <Text size="xs" c="dimmed">
        Global administrator · every tenant
      </Text>
    );
  if (me.scope.length === 0)
    return (
      <Text size="xs" c="dimmed">
        No administrative role
      </Text>
    );
  return (
    <Stack gap={2}>
      {me.scope.map((s) => (
        <Text key={`${s.roleKey}@${s.orgId}`} size="xs" c="dimmed">
          {me.account.roles.find((r) => r.key === s.roleKey)?.label ?? s.roleKey} ·{' '}
          {index.byId.get(s.orgId)?.name ?? me.account.roles.find((r) => r.orgId === s.orgId)?.orgName ?? 'organization'}
        </Text>
      ))}
    </Stack>
  );
}

function Brand() {
  return (
    <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
      <Group gap="xs">
        <ThemeIcon size={32} radius="md" variant="filled" aria-hidden>
          <Text fw={800} size="lg" c="white" component="span">
            R
          </Text>
        </ThemeIcon>
        <Text fw={700} size="lg" component="span">
          Registrar
        </Text>
      </Group>
    </Link>
  );
}

export function Shell() {
  const me = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = useState(false);
  const allowed = nav.filter((item) => can(me, item.permission));
  const withRequests = useMayHandleRequests() ? [...allowed, requestsNav] : allowed;
  // Mail: whoever reads some of it (a county administrator, their county's); Settings: the tenant's administrators.
  const readsMail = useMayReadMail();
  const tenantAdmin = useReadsAllMail();
  // Settings also opens to whoever holds a tenant-level permission (roles.manage, imports.templates) at a top organization.
  const settingsOpen = useAdministeredTenants().tenants.length > 0;
  const items = [...withRequests, ...(readsMail ? [mailNav] : []), ...(tenantAdmin || settingsOpen ? [settingsNav] : [])];

  const signOut = async () => {
    setSigningOut(true);
    try {
      await authApi.logout();
    } finally {
      setSigningOut(false);
      await forgetSession(queryClient);
    }
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Brand />
          </Group>
          <Group gap="sm">
            <Tooltip label={me.account.email}>
              <Group gap={8}>
                <Avatar color="indigo" radius="xl" size={32} aria-hidden>
                  {initials(me.account)}
                </Avatar>
                <Text size="sm" fw={500} visibleFrom="xs">
                  {fullName(me.account)}
                </Text>
              </Group>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {items.map((item) => {
              const active = location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  rightSection={'badge' in item ? <OpenRequestsBadge /> : undefined}
                  leftSection={<item.icon size={18} stroke={1.7} aria-hidden />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={close}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Divider mb="sm" />
          <Box px="xs" pb="xs">
            <Text size="sm" fw={600} truncate>
              {fullName(me.account)}
            </Text>
            <Text size="xs" c="dimmed" truncate mb={4}>
              {me.account.email}
            </Text>
            <ScopeSummary />
            <Button
              mt="sm"
              fullWidth
              variant="default"
              size="xs"
              component={Link}
              to="/me"
              onClick={close}
              leftSection={<IconUserCircle size={16} aria-hidden />}
            >
              My account
            </Button>
            <Button
              mt="xs"
              fullWidth
              variant="default"
              size="xs"
              leftSection={<IconLogout size={16} aria-hidden />}
              loading={signingOut}
              onClick={() => void signOut()}
            >
              Sign out
            </Button>
          </Box>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={1280} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
