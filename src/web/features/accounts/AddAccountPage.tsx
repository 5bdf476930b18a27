import { Anchor, Breadcrumbs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { accountsApi } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.ts';
import { fullName } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { AccountForm, emptyAccountForm } from './AccountForm.tsx';
import { useHeldMailNote } from './held-mail.ts';
import { toCreateInput, validateCreate } from './account-input.ts';

export function AddAccountPage() {
  useDocumentTitle('Add account');
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const held = useHeldMailNote();
  // Someone who manages a single organization almost always adds people there.
  const onlyOrg = !me.isGlobalAdmin && me.scope.length === 1 ? me.scope[0]?.orgId : undefined;

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs>
            <Anchor component={Link} to="/accounts" size="sm">
              Accounts
            </Anchor>
            <span>Add account</span>
          </Breadcrumbs>
        }
        title="Add account"
        description="Create one account. Registrar checks the whole tenant for the same person as you type."
      />
      <AccountForm
        mode="create"
        initial={{ ...emptyAccountForm, orgId: onlyOrg ?? '' }}
        submitLabel="Create account"
        validate={validateCreate}
        onCancel={() => void navigate('/accounts')}
        onSubmit={async (values) => {
          const account = await accountsApi.create(toCreateInput(values));
          await queryClient.invalidateQueries({ queryKey: ['accounts'] });
          notifications.show({
            color: 'teal',
            title: 'Account created',
            message:
              account.status === 'invited'
                ? `${fullName(account)} was added to ${account.orgName}. ${held ? `An activation link for ${account.email} was made. ${held}` : `An activation link is on its way to ${account.email}.`}`
                : `${fullName(account)} (${account.email}) was added to ${account.orgName}.`,
          });
          void navigate(`/accounts/${account.id}`);
        }}
      />
    </>
  );
}
