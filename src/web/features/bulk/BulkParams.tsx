import { Select, Stack } from '@mantine/core';
import type { BulkActionKind } from '../../../common/schemas/bulk-actions.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { roleOptions, useRoles } from '../roles/useRoles.ts';

/** What a grant or a move needs before it can be confirmed: the role and where it is held, or the destination. */
export interface BulkParams {
  role?: string;
  orgId?: string;
}

/** The actions that ask for parameters first. */
export const needsParams = (action: BulkActionKind) => action === 'grant_role' || action === 'move';

/** Whether the parameters the action needs are all chosen. */
export const paramsComplete = (action: BulkActionKind, p: BulkParams) =>
  action === 'grant_role' ? Boolean(p.role && p.orgId) : action === 'move' ? Boolean(p.orgId) : true;

/** The words of the confirmation for the chosen parameters ("Coach at State › County", "State › County"). */
export function useParamWords(params: BulkParams): { org?: string; role?: string } {
  const { index } = useOrganizations();
  const roles = useRoles(params.orgId);
  const role = roles.data?.items.find((r) => r.key === params.role);
  return {
    org: params.orgId ? index.pathOf(params.orgId) : undefined,
    role: params.role ? (role?.label ?? params.role) : undefined,
  };
}

/** The pickers: an organization (where the role is held, or where the accounts go), then the role to give there. */
export function BulkParamsFields(props: { action: BulkActionKind; value: BulkParams; onChange(next: BulkParams): void }) {
  const { action, value, onChange } = props;
  const { index, isPending } = useOrganizations();
  // The roles the person may give at the chosen organization (full ones say so and cannot be chosen).
  const roles = useRoles(action === 'grant_role' ? value.orgId : undefined);
  return (
    <Stack gap="sm">
      <Select
        label={action === 'move' ? 'Move to' : 'Where the role is held'}
        required
        searchable
        placeholder={isPending ? 'Loading…' : 'Choose an organization'}
        data={index.options}
        value={value.orgId ?? null}
        onChange={(orgId) => onChange({ orgId: orgId ?? undefined, role: action === 'grant_role' ? undefined : value.role })}
        allowDeselect={false}
        nothingFoundMessage="No organization matches"
      />
      {action === 'grant_role' && (
        <Select
          label="Role"
          required
          placeholder={value.orgId ? 'Choose a role' : 'Choose the organization first'}
          disabled={!value.orgId}
          data={value.orgId ? roleOptions(roles.data?.items, 'grant') : []}
          value={value.role ?? null}
          onChange={(role) => onChange({ ...value, role: role ?? undefined })}
          allowDeselect={false}
          nothingFoundMessage="No role you may give here"
        />
      )}
    </Stack>
  );
}
