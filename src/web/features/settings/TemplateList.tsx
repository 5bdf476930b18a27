import { Badge, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { emailTemplatesApi, type EmailTemplateView } from '../../api/settings.ts';
import { formatDateTime } from '../../components/format.ts';
import { ListRow } from '../../components/ListRow.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';

export const templatesKey = (tenantId: string) => ['email-templates', tenantId] as const;

export function templateUrl(key: string, tenantId: string): string {
  return withQuery(`/settings/email-templates/${encodeURIComponent(key)}`, { tenantId });
}

export function CustomizedBadge({ customized }: { customized: boolean }) {
  return (
    <Badge variant="light" color={customized ? 'indigo' : 'gray'} radius="sm" style={{ textTransform: 'none' }}>
      {customized ? 'Customized' : 'Built-in'}
    </Badge>
  );
}

function TemplateRow({ template, tenantId }: { template: EmailTemplateView; tenantId: string }) {
  const headingId = `template-${template.key}`;
  return (
    <ListRow
      id={headingId}
      title={template.label}
      badges={<CustomizedBadge customized={template.customized} />}
      actions={
        <Button
          component={Link}
          to={templateUrl(template.key, tenantId)}
          variant="default"
          size="xs"
          leftSection={<IconPencil size={14} aria-hidden />}
          aria-label={`Edit ${template.label}`}
        >
          Edit
        </Button>
      }
    >
      <Text size="sm" c="dimmed">
        {template.description}
      </Text>
      {template.customized && template.updatedAt && (
        <Text size="xs" c="dimmed">
          Last changed {formatDateTime(template.updatedAt)}
        </Text>
      )}
    </ListRow>
  );
}

/** The "Email templates" section: the emails this tenant sends, and whether it has its own wording. */
export function TemplateList({ tenantId }: { tenantId: string }) {
  const templates = useQuery({ queryKey: templatesKey(tenantId), queryFn: () => emailTemplatesApi.list(tenantId) });
  return (
    <Paper p="lg">
      <Title order={2} fz="lg">
        Email templates
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The wording of each email Registrar sends for this tenant. Built-in wording is used until you change it.
      </Text>
      {templates.isPending ? (
        <LoadingState label="Loading the email templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} title="The email templates could not be loaded" onRetry={() => void templates.refetch()} />
      ) : (
        <Stack component="ul" gap={0} p={0} m={0}>
          {templates.data.map((t) => (
            <TemplateRow key={t.key} template={t} tenantId={tenantId} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
