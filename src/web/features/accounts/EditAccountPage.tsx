import { Anchor, Breadcrumbs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { accountsApi } from '../../api/endpoints.ts';
import { fullName } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { AccountForm } from './AccountForm.tsx';
import { formValuesOf, toUpdateInput, validateUpdate } from './account-input.ts';

export function EditAccountPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const account = useQuery({ queryKey: ['accounts', 'one', id], queryFn: () => accountsApi.get(id) });
  useDocumentTitle(account.data ? `Edit ${fullName(account.data)}` : 'Edit account');

  if (account.isPending) return <LoadingState label="Loading the account…" />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs>
            <Anchor component={Link} to="/accounts" size="sm">
              Accounts
            </Anchor>
            <Anchor component={Link} to={`/accounts/${a.id}`} size="sm">
              {fullName(a)}
            </Anchor>
            <span>Edit</span>
          </Breadcrumbs>
        }
        title={`Edit ${fullName(a)}`}
        description="Changes are recorded in the account's history."
      />
      <AccountForm
        mode="edit"
        accountId={a.id}
        rolesHeld={a.roles}
        initial={formValuesOf(a)}
        submitLabel="Save changes"
        validate={validateUpdate}
        onCancel={() => void navigate(`/accounts/${a.id}`)}
        onSubmit={async (values) => {
          const saved = await accountsApi.update(a.id, toUpdateInput(values));
          queryClient.setQueryData(['accounts', 'one', a.id], saved);
          await queryClient.invalidateQueries({ queryKey: ['accounts'] });
          await queryClient.invalidateQueries({ queryKey: ['audit'] });
          notifications.show({ color: 'teal', title: 'Changes saved', message: `${fullName(saved)}'s account was updated.` });
          void navigate(`/accounts/${a.id}`);
        }}
      />
    </>
  );
}
