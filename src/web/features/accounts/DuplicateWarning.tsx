import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { emailSchema } from '../../../common/schemas/accounts.ts';
import { accountsApi } from '../../api/endpoints.ts';
import type { DuplicateMatch } from '../../api/types.ts';
import { fullName } from '../../components/format.ts';

export interface DuplicateProbe {
  email: string;
  firstName: string;
  lastName: string;
  orgId: string;
  excludeId?: string;
}

function MatchLine({ match }: { match: DuplicateMatch }) {
  return (
    <List.Item>
      <Text size="sm" component="span">
        {match.message}
      </Text>
      {match.inScope && match.account && (
        <>
          {' '}
          <Anchor component={Link} to={`/accounts/${match.account.id}`} size="sm" fw={600} underline="always">
            Open {fullName(match.account)}’s account
          </Anchor>
        </>
      )}
    </List.Item>
  );
}

/**
 * Asks the API, while the person types, whether this account already exists: the same email anywhere in the
 * tenant, or a likely same person under another email. Matches outside the person's reach come without details.
 */
export function DuplicateWarning({ probe }: { probe: DuplicateProbe }) {
  const [settled] = useDebouncedValue(probe, 350);
  const emailReady = emailSchema.safeParse(settled.email).success;
  const namesReady = settled.firstName.trim().length > 0 && settled.lastName.trim().length > 1;
  const query = {
    email: emailReady ? settled.email.trim() : undefined,
    firstName: namesReady ? settled.firstName.trim() : undefined,
    lastName: namesReady ? settled.lastName.trim() : undefined,
    orgId: settled.orgId || undefined,
    excludeId: settled.excludeId,
  };
  const result = useQuery({
    queryKey: ['accounts', 'duplicates', query],
    queryFn: () => accountsApi.duplicates(query),
    enabled: emailReady || namesReady,
    staleTime: 10_000,
  });
  const exact = result.data?.exact ?? [];
  const likely = result.data?.likely ?? [];

  return (
    <div aria-live="polite" data-testid="duplicate-check">
      {(exact.length > 0 || likely.length > 0) && (
        <Stack gap="sm">
          {exact.length > 0 && (
            <Alert
              role="status"
              color="red"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title="This email already has an account"
            >
              <List size="sm" spacing={4}>
                {exact.map((m, i) => (
                  <MatchLine key={i} match={m} />
                ))}
              </List>
            </Alert>
          )}
          {likely.length > 0 && (
            <Alert
              role="status"
              color="yellow"
              variant="light"
              styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
              icon={<IconUsers size={18} />}
              title="This may be someone who already has an account"
            >
              <List size="sm" spacing={4}>
                {likely.map((m, i) => (
                  <MatchLine key={i} match={m} />
                ))}
              </List>
            </Alert>
          )}
        </Stack>
      )}
    </div>
  );
}
