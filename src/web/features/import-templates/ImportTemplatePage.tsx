import { Anchor, Breadcrumbs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { importTemplateKey, importTemplatesApi } from '../../api/import-templates.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useChosenTenant } from '../settings/tenants.ts';
import { ImportTemplateEditor } from './ImportTemplateEditor.tsx';
import { draftOf, newDraft } from './template-draft.ts';

/** One import template of one tenant (or a new one, at /settings/import-templates/new). */
export function ImportTemplatePage() {
  const { key = '' } = useParams();
  const creating = key === 'new';
  const { tenant, isPending: tenantsPending, error: tenantsError } = useChosenTenant();
  const tenantId = tenant?.id ?? '';
  const template = useQuery({
    queryKey: importTemplateKey(key, tenantId),
    queryFn: () => importTemplatesApi.get(key, tenantId),
    enabled: tenantId !== '' && !creating,
  });
  const title = creating ? 'New import template' : (template.data?.label ?? 'Import template');
  useDocumentTitle(title);
  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to={withQuery('/settings', { tenantId })} size="sm">
        Settings{tenant ? ` · ${tenant.name}` : ''}
      </Anchor>
      <span>{title}</span>
    </Breadcrumbs>
  );

  if (tenantsPending || (!creating && tenantId !== '' && template.isPending)) return <LoadingState label="Loading the template…" />;
  if (tenantsError || !tenant || template.isError) {
    return (
      <>
        <PageHeader above={crumbs} title={title} />
        <ErrorState
          error={
            tenantsError ?? template.error ?? new Error('This tenant is not one you administer. Open the template from the Settings page.')
          }
          title="This template could not be opened"
        />
      </>
    );
  }
  const description =
    'Columns are listed in file order. A strict template wants its header exactly, in this order; a lenient one reads headers in any case and order and ignores columns it does not know.';
  return (
    <>
      <PageHeader above={crumbs} title={title} description={description} />
      {creating ? (
        <ImportTemplateEditor key="new" tenantId={tenantId} initial={newDraft()} creating />
      ) : template.data ? (
        // A save remounts the editor from what the server now holds.
        <ImportTemplateEditor
          key={template.data.updatedAt ?? 'stored'}
          tenantId={tenantId}
          initial={draftOf(template.data)}
          builtIn={template.data.builtIn}
        />
      ) : null}
    </>
  );
}
