import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { groupsApi, invitationsApi, type Invitation } from '../../api/roles.ts';
import { Permissions } from '../../../common/permissions.ts';
import { can, useSession } from '../../app/session.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { roleOptions, useRoles } from '../roles/useRoles.ts';

/** The organizations where this person may invite: the whole tree they see, or the places their roles are held. */
function useInviteOrgs(): { value: string; label: string }[] {
  const me = useSession();
  const { index } = useOrganizations();
  if (can(me, Permissions.orgsRead) && index.options.length > 0) return index.options;
  const seen = new Map<string, string>();
  for (const s of me.scope) {
    if (!s.permissions.includes(Permissions.invitationsSend)) continue;
    seen.set(s.orgId, me.account.roles.find((r) => r.orgId === s.orgId)?.orgName ?? s.orgId);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** Invite one person: the role list offers only what this person may invite at the chosen organization, with the places left. */
export function InviteDialog({ opened, onClose, onSent }: { opened: boolean; onClose(): void; onSent(invitation: Invitation): void }) {
  const orgs = useInviteOrgs();
  const [orgId, setOrgId] = useState<string | null>(orgs.length === 1 ? (orgs[0]?.value ?? null) : null);
  const [role, setRole] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [attestation, setAttestation] = useState<string | null>(null);
  const [attested, setAttested] = useState(false);
  const roles = useRoles(orgId ?? undefined);
  const groups = useQuery({ queryKey: ['groups', orgId], queryFn: () => groupsApi.list(), enabled: opened });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setFields({});
    if (!orgId || !role) {
      setFields({ ...(orgId ? {} : { orgId: 'Choose an organization.' }), ...(role ? {} : { role: 'Choose a role.' }) });
      return;
    }
    setSending(true);
    try {
      const sent = await invitationsApi.send({
        email,
        orgId,
        role,
        ...(groupId ? { groupId } : {}),
        ...(firstName ? { firstName } : {}),
        ...(lastName ? { lastName } : {}),
        ...(message ? { message } : {}),
        ...(attested ? { attested: true } : {}),
      });
      onSent(sent);
    } catch (error) {
      if (error instanceof ApiError && error.fields.attested) {
        // The tenant asks for a sentence to be confirmed first; the API names it.
        setAttestation(error.fields.attested);
        setFields({ attested: 'Tick this box to confirm.' });
        return;
      }
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Invite someone" size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {problem && (
            <Alert color="red" variant="light" role="alert" title="The invitation was not sent">
              {problem}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fields.email}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="First name"
              value={firstName}
              onChange={(e) => setFirstName(e.currentTarget.value)}
              error={fields.firstName}
            />
            <TextInput label="Last name" value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} error={fields.lastName} />
          </SimpleGrid>
          <Select
            label="Organization"
            required
            searchable
            data={orgs}
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setRole(null);
            }}
            error={fields.orgId}
            nothingFoundMessage="No organization matches"
          />
          <Select
            label="Role"
            required
            placeholder={orgId ? 'Choose a role' : 'Choose an organization first'}
            description="Only the roles you may invite at this organization, with the places left there."
            data={orgId ? roleOptions(roles.data?.items, 'invite') : []}
            value={role}
            onChange={setRole}
            error={fields.role}
          />
          <Select
            label="Group"
            placeholder="Your default group"
            clearable
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.orgName})` }))}
            value={groupId}
            onChange={setGroupId}
            error={fields.groupId}
          />
          <Textarea
            label="Message"
            description="Added to the invitation email."
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          {attestation && (
            <Checkbox
              label={attestation}
              checked={attested}
              onChange={(e) => setAttested(e.currentTarget.checked)}
              error={fields.attested}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={sending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
