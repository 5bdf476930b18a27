import { Alert, Badge, Button, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { invitationsApi, type Invitation, type InvitationStatus } from '../../api/roles.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { HeldLink } from './HeldLink.tsx';
import { InviteDialog } from './InviteDialog.tsx';

const tabs: { value: InvitationStatus; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];
const colors: Record<InvitationStatus, string> = { pending: 'blue', accepted: 'green', expired: 'orange', revoked: 'gray' };

const day = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

/** Invitations by status, with resend and revoke; the invitation emails themselves are on the Mail page while mail is held. */
export function InvitationsPage() {
  useDocumentTitle('Invitations');
  const [status, setStatus] = useState<InvitationStatus>('pending');
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  // The link of the invitation just sent or re-sent, while mail is held (the only moment it can be shown).
  const [held, setHeld] = useState<{ email: string; link: string } | null>(null);
  const showLink = (invitation: Invitation) => setHeld(invitation.link ? { email: invitation.email, link: invitation.link } : null);
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['invitations', status], queryFn: () => invitationsApi.list({ status }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['invitations'] });

  const act = async (invitation: Invitation, action: 'resend' | 'revoke') => {
    try {
      const answer = await invitationsApi[action](invitation.id);
      const heldText = `A new link for ${invitation.email} was made; the old one no longer works.`;
      setNotice({
        ok: true,
        text:
          action === 'resend'
            ? answer.link
              ? heldText
              : `A new link was sent to ${invitation.email}.`
            : `The invitation of ${invitation.email} was withdrawn.`,
      });
      if (action === 'resend') showLink(answer);
      else setHeld(null);
      refresh();
    } catch (error) {
      setNotice({ ok: false, text: errorMessage(error) });
    }
  };

  return (
    <>
      <PageHeader
        title="Invitations"
        description="People invited to register, and what became of each invitation."
        actions={<Button onClick={() => setInviting(true)}>Invite someone</Button>}
      />
      {notice && (
        <Alert
          color={notice.ok ? 'green' : 'red'}
          variant="light"
          role={notice.ok ? 'status' : 'alert'}
          mb="md"
          withCloseButton
          onClose={() => setNotice(null)}
        >
          {notice.text}
        </Alert>
      )}
      {held && <HeldLink email={held.email} link={held.link} onClose={() => setHeld(null)} />}
      <Paper p="md">
        <SegmentedControl
          aria-label="Invitation status"
          value={status}
          onChange={(v) => setStatus(v as InvitationStatus)}
          data={tabs}
          mb="md"
        />
        {list.isPending ? (
          <LoadingState label="Loading invitations…" />
        ) : list.error ? (
          <ErrorState error={list.error} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={`No ${status} invitations`} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th>Role and place</Table.Th>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Invited by</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Text fw={500}>{`${i.firstName} ${i.lastName}`.trim() || i.email}</Text>
                      <Text size="xs" c="dimmed">
                        {i.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{`${i.roleLabel} at ${i.orgName}`}</Table.Td>
                    <Table.Td>{i.groupName ?? '—'}</Table.Td>
                    <Table.Td>{i.invitedBy.name}</Table.Td>
                    <Table.Td>
                      <Badge color={colors[i.status]} variant="light">
                        {i.status}
                      </Badge>
                      {i.status === 'pending' && (
                        <Text size="xs" c="dimmed">
                          until {day(i.expiresAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {(i.status === 'pending' || i.status === 'expired') && (
                        <Group gap="xs">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => void act(i, 'resend')}
                            aria-label={`Resend the invitation of ${i.email}`}
                          >
                            Resend
                          </Button>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            onClick={() => void act(i, 'revoke')}
                            aria-label={`Revoke the invitation of ${i.email}`}
                          >
                            Revoke
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {inviting && (
        <InviteDialog
          opened
          onClose={() => setInviting(false)}
          onSent={(sent) => {
            setInviting(false);
            setStatus('pending');
            setNotice({ ok: true, text: sent.link ? `The invitation of ${sent.email} was made.` : 'The invitation was sent.' });
            showLink(sent);
            refresh();
            void queryClient.invalidateQueries({ queryKey: ['roles'] });
          }}
        />
      )}
    </>
  );
}
