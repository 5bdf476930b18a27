import { Box, PasswordInput, Stack, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { passwordRules, type PasswordIdentity, type PasswordRule } from './password-rules.ts';

/**
 * The rules as a live checklist. It is the password field's description, so a screen reader reads it
 * with the field (aria-describedby). Mantine renders descriptions in a <p>, hence spans with list roles.
 * Each item says "Done" or "Not yet" in words too; the icon and its colour only repeat it.
 */
function PasswordChecklist({ rules }: { rules: PasswordRule[] }) {
  return (
    <Box component="span" role="list" display="block" mt={4}>
      {rules.map((rule) => (
        <Box key={rule.key} component="span" role="listitem" data-rule={rule.key} display="flex" style={{ alignItems: 'center', gap: 6 }}>
          {rule.met ? (
            <IconCircleCheck size={16} aria-hidden color="var(--mantine-color-teal-8)" />
          ) : (
            <IconCircleDashed size={16} aria-hidden color="var(--mantine-color-gray-6)" />
          )}
          <VisuallyHidden>{rule.met ? 'Done: ' : 'Not yet: '}</VisuallyHidden>
          {rule.label}
        </Box>
      ))}
      <Box component="span" display="block" mt={2}>
        Very common passwords are refused too; a few unrelated words work well.
      </Box>
    </Box>
  );
}

export interface NewPasswordFieldsProps {
  identity: PasswordIdentity;
  minLength: number;
  password: string;
  confirm: string;
  onPasswordChange(value: string): void;
  onConfirmChange(value: string): void;
  passwordError?: string;
  confirmError?: string;
  /** "Password" on the registration page, "New password" on the reset and change pages. */
  label: string;
}

/** A new password and its confirmation, with the rules ticked off as the person types. */
export function NewPasswordFields({
  identity,
  minLength,
  password,
  confirm,
  onPasswordChange,
  onConfirmChange,
  passwordError,
  confirmError,
  label,
}: NewPasswordFieldsProps) {
  const rules = passwordRules(password, confirm, identity, minLength);
  return (
    <Stack gap="md">
      <PasswordInput
        label={label}
        name="new-password"
        autoComplete="new-password"
        aria-required
        value={password}
        onChange={(e) => onPasswordChange(e.currentTarget.value)}
        error={passwordError}
        // Mantine's PasswordInput marks only its wrapper invalid; screen readers need it on the input.
        aria-invalid={passwordError ? true : undefined}
        description={<PasswordChecklist rules={rules} />}
        inputWrapperOrder={['label', 'input', 'error', 'description']}
      />
      <PasswordInput
        label={`Confirm ${label.toLowerCase()}`}
        name="confirm-password"
        autoComplete="new-password"
        aria-required
        value={confirm}
        onChange={(e) => onConfirmChange(e.currentTarget.value)}
        error={confirmError}
        aria-invalid={confirmError ? true : undefined}
      />
    </Stack>
  );
}
