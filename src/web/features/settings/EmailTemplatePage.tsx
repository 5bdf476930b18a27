import { Anchor, Breadcrumbs, Group } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { emailTemplatesApi } from '../../api/settings.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { TemplateEditor, templateKey } from './TemplateEditor.tsx';
import { CustomizedBadge } from './TemplateList.tsx';
import { useChosenTenant } from './tenants.ts';

/** One email's wording for one tenant: edit, preview with sample values, save or go back to the built-in text. */
export function EmailTemplatePage() {
  const { key = '' } = useParams();
  const queryClient = useQueryClient();
  const { tenant, isPending: tenantsPending, error: tenantsError } = useChosenTenant();
  const tenantId = tenant?.id ?? '';
  const template = useQuery({
    queryKey: templateKey(key, tenantId),
    queryFn: () => emailTemplatesApi.get(key, tenantId),
    enabled: tenantId !== '',
  });
  useDocumentTitle(template.data?.label ?? 'Email template');

  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to={withQuery('/settings', { tenantId })} size="sm">
        Settings{tenant ? ` · ${tenant.name}` : ''}
      </Anchor>
      <span>{template.data?.label ?? 'Email template'}</span>
    </Breadcrumbs>
  );

  if (tenantsPending || (tenantId !== '' && template.isPending)) return <LoadingState label="Loading the template…" />;
  if (tenantsError || !tenant) {
    return (
      <>
        <PageHeader above={crumbs} title="Email template" />
        <ErrorState
          error={tenantsError ?? new Error('This tenant is not one you administer. Open the template from the Settings page.')}
          title="This template could not be opened"
        />
      </>
    );
  }
  if (template.isError) {
    return (
      <>
        <PageHeader above={crumbs} title="Email template" />
        <ErrorState error={template.error} title="This template could not be opened" onRetry={() => void template.refetch()} />
      </>
    );
  }
  const t = template.data;
  if (!t) return null;

  return (
    <>
      <PageHeader
        above={crumbs}
        title={
          <Group gap="sm">
            <span>{t.label}</span>
            <CustomizedBadge customized={t.customized} />
          </Group>
        }
        description={t.description}
      />
      {/* A save or restore remounts the editor, so it starts again from what the server now holds. */}
      <TemplateEditor
        key={`${t.customized}-${t.updatedAt ?? 'built-in'}`}
        template={t}
        tenantId={tenantId}
        onChanged={(next) => queryClient.setQueryData(templateKey(key, tenantId), next)}
      />
    </>
  );
}
