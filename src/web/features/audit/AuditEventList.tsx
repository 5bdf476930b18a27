import { ActionIcon, Anchor, Box, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import type { AuditEvent } from '../../api/types.ts';
import { EmailText } from '../../components/EmailText.tsx';
import { formatDateTime, formatRelative } from '../../components/format.ts';
import { UploaderName } from '../../components/UploaderName.tsx';
import { actionLabel, auditSourceLabels, changesOf, fieldLabel, importOrigin, showValue } from './audit-labels.ts';

/** "from people.csv, line 7", linking to the import: where an imported account came from. */
function ImportOrigin({ event }: { event: AuditEvent }) {
  const origin = importOrigin(event);
  if (!origin) return null;
  return (
    <Text size="xs" c="dimmed">
      from{' '}
      <Anchor component={Link} to={`/imports/${origin.importId}`} size="xs">
        {origin.fileName}
      </Anchor>
      {origin.line !== null && `, line ${origin.line}`}
    </Text>
  );
}

function Changes({ event }: { event: AuditEvent }) {
  const origin = importOrigin(event);
  if (origin)
    return (
      <Text size="sm">
        Created by {event.actor.label} from line {origin.line ?? '?'} of the import{' '}
        <Anchor component={Link} to={`/imports/${origin.importId}`}>
          {origin.fileName}
        </Anchor>
        ; its values are in that import’s rows.
      </Text>
    );
  const changes = changesOf(event.before, event.after);
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field values were recorded for this event.
      </Text>
    );
  const hasBefore = event.before !== null && event.before !== undefined;
  return (
    <Table withTableBorder withColumnBorders fz="sm" maw={760} bg="white">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={180}>Field</Table.Th>
          {hasBefore && <Table.Th>Before</Table.Th>}
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td fw={500}>{fieldLabel(c.field)}</Table.Td>
            {hasBefore && (
              <Table.Td>
                <Text size="sm" c="red.8" td={c.after !== undefined ? 'line-through' : undefined}>
                  {showValue(c.before, c.field)}
                </Text>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm" c="teal.9">
                {showValue(c.after, c.field)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Target({ event }: { event: AuditEvent }) {
  if (!event.targetId)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (event.account)
    return (
      <div>
        <Anchor component={Link} to={`/accounts/${event.account.id}`} size="sm" fw={500}>
          {event.account.name || event.account.email}
        </Anchor>
        <EmailText email={event.account.email} c="dimmed" size="xs" />
      </div>
    );
  const after = (event.after ?? event.before) as Record<string, unknown> | null;
  const named =
    after && typeof after === 'object'
      ? [after.email, after.name, after.fileName].find((v): v is string => typeof v === 'string')
      : undefined;
  // An account no longer there (or no longer in reach) is named by what the event recorded, if anything.
  const kind = event.targetType === 'account' ? 'An account' : event.targetType === 'organization' ? 'Organization' : event.targetType;
  return <Text size="sm">{named ?? `${kind} (${event.targetId.slice(0, 8)})`}</Text>;
}

/** Audit events, newest first; each row opens to show the values before and after. */
export function AuditEventList({ events, showTarget = true }: { events: AuditEvent[]; showTarget?: boolean }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = showTarget ? 6 : 5;

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" className="registrar-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Details</span>
            </Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>What</Table.Th>
            {showTarget && <Table.Th>Record</Table.Th>}
            <Table.Th>Who</Table.Th>
            <Table.Th>From</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => {
            const expanded = open.has(e.id);
            return (
              <Fragment key={e.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => toggle(e.id)}
                      aria-expanded={expanded}
                      aria-controls={`audit-${e.id}`}
                      aria-label={`${expanded ? 'Hide' : 'Show'} changes of ${actionLabel(e.action)} at ${formatDateTime(e.at)}`}
                    >
                      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={formatDateTime(e.at)}>
                      <Text size="sm" component="time" dateTime={e.at} style={{ whiteSpace: 'nowrap' }}>
                        {formatRelative(e.at)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {actionLabel(e.action)}
                    </Text>
                    <ImportOrigin event={e} />
                  </Table.Td>
                  {showTarget && (
                    <Table.Td>
                      <Target event={e} />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <UploaderName label={e.actor.label} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {auditSourceLabels[e.source] ?? e.source}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr id={`audit-${e.id}`} style={{ display: expanded ? undefined : 'none' }}>
                  <Table.Td colSpan={columns} bg="gray.0">
                    <Box py="xs" px="md">
                      <Group gap="xs" mb="xs">
                        <Text size="xs" c="dimmed">
                          {formatDateTime(e.at)}
                        </Text>
                        {e.requestId && (
                          <Text size="xs" c="dimmed">
                            · request {e.requestId}
                          </Text>
                        )}
                      </Group>
                      {expanded && <Changes event={e} />}
                    </Box>
                  </Table.Td>
                </Table.Tr>
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
