import { Alert, Button, Paper, Select, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useEffect } from 'react';
import { useSession } from '../../app/session.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { OnboardingForm } from './OnboardingForm.tsx';
import { ImportTemplatesSection } from '../import-templates/ImportTemplatesSection.tsx';
import { TemplateList } from './TemplateList.tsx';
import { RolesSettings } from '../roles/RolesSettings.tsx';
import { PolicyForm } from './PolicyForm.tsx';
import { LifecycleForm } from './LifecycleForm.tsx';
import { settingsAccess, useChosenTenant } from './tenants.ts';
import { RequestFormSettings } from '../requests/RequestFormSettings.tsx';
import { ResponseTemplatesSettings } from '../requests/ResponseTemplatesSettings.tsx';

/** A tenant's onboarding mode, registration window and email wording, for its administrators. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const me = useSession();
  const { tenants, tenant, asked, isPending, error, choose } = useChosenTenant();
  const picker = me.isGlobalAdmin || tenants.length > 1;
  const access = tenant ? settingsAccess(me, tenant.id) : { everything: false, roles: false, templates: false };
  // With a picker, the address names the tenant shown, so the page can be reloaded or shared as it is.
  const shown = tenant?.id;
  useEffect(() => {
    if (picker && !asked && shown) choose(shown);
  }, [picker, asked, shown, choose]);

  const header = (
    <PageHeader
      title="Settings"
      actions={
        <Button component={Link} to="/settings/scim" variant="default">
          SCIM for identity providers
        </Button>
      }
      description={
        tenant
          ? `How ${tenant.name} welcomes new people, and what its emails say.`
          : 'How a tenant welcomes new people, and what its emails say.'
      }
    />
  );
  if (isPending)
    return (
      <>
        {header}
        <LoadingState label="Loading your tenants…" />
      </>
    );
  if (error)
    return (
      <>
        {header}
        <ErrorState error={error} />
      </>
    );
  if (tenants.length === 0) {
    return (
      <>
        {header}
        <Paper>
          <EmptyState title="No tenant to configure">
            Settings belong to a tenant; they are changed by global administrators and by administrators of a tenant's top organization.
          </EmptyState>
        </Paper>
      </>
    );
  }

  return (
    <>
      {header}
      <Stack gap="md">
        {picker && (
          <Paper p="md">
            <Select
              label="Tenant"
              description="Settings apply to one tenant and everything in it."
              maw={400}
              searchable
              allowDeselect={false}
              data={tenants.map((t) => ({ value: t.id, label: t.name }))}
              value={tenant?.id ?? null}
              onChange={(v) => v && choose(v)}
              nothingFoundMessage="No tenant matches"
            />
          </Paper>
        )}
        {!tenant && asked ? (
          <Alert color="red" variant="light" role="alert" title="This tenant is not yours to configure">
            Choose one of your tenants above.
          </Alert>
        ) : tenant ? (
          <>
            {access.everything && (
              <>
                <OnboardingForm tenantId={tenant.id} />
                <PolicyForm tenantId={tenant.id} />
                <LifecycleForm tenantId={tenant.id} />
              </>
            )}
            {access.roles && <RolesSettings tenantId={tenant.id} />}
            {access.everything && <TemplateList tenantId={tenant.id} />}
            {access.templates && <ImportTemplatesSection tenantId={tenant.id} />}
            {access.everything && (
              <>
                <RequestFormSettings tenantId={tenant.id} />
                <ResponseTemplatesSettings tenantId={tenant.id} />
              </>
            )}
          </>
        ) : null}
      </Stack>
    </>
  );
}
