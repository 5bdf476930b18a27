import { Group, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { onboardingApi, registrationKey, type RegistrationInfo } from '../../api/onboarding.ts';
import { formatDateTime, fullName } from '../../components/format.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { PasswordForm } from '../auth/PasswordForm.tsx';
import { isLinkProblem, LinkProblem } from './LinkProblem.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { passwordProblem } from './password-rules.ts';

type Field = 'firstName' | 'lastName' | 'password' | 'confirm';
const fieldOrder: Field[] = ['firstName', 'lastName', 'password', 'confirm'];

function Invitation({ info }: { info: RegistrationInfo }) {
  if (info.invitation) {
    const i = info.invitation;
    return (
      <>
        {i.invitedBy} invited you to join <strong>{i.orgName}</strong> as <strong>{i.role}</strong>
        {i.groupName ? <>, in the group {i.groupName}</> : null}. {i.message ? <em>“{i.message}” </em> : null}
        Check your name and choose a password to finish.
      </>
    );
  }
  const where =
    info.orgName === info.tenantName ? (
      <strong>{info.orgName}</strong>
    ) : (
      <>
        <strong>{info.orgName}</strong> ({info.tenantName})
      </>
    );
  return (
    <>
      {info.invitedBy ? (
        <>
          {fullName(info.invitedBy)} invited you to {where}.
        </>
      ) : (
        <>You have been invited to {where}.</>
      )}{' '}
      Check your name and choose a password to finish.
    </>
  );
}

/** The registration form for a valid activation link: confirm the name, choose a password, and be signed in. */
export function RegisterForm({ token, info }: { token: string; info: RegistrationInfo }) {
  useDocumentTitle('Set up your account');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({
    firstName: info.firstName,
    lastName: info.lastName,
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [linkError, setLinkError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [invalidAttempts, setInvalidAttempts] = useState(0);
  const identity = { username: info.username, email: info.email };

  // Editing a field retires its old complaint; the checklist already shows where the password stands.
  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    if (fieldOrder.some((f) => found[f])) setInvalidAttempts((n) => n + 1);
  };

  const submit = async () => {
    const local: Partial<Record<Field, string>> = {
      firstName: values.firstName.trim() ? undefined : 'Enter your first name.',
      lastName: values.lastName.trim() ? undefined : 'Enter your last name.',
      password: passwordProblem(values.password, identity, info.passwordRules.minLength),
      confirm: values.confirm === values.password ? undefined : 'The two passwords are not the same.',
    };
    setProblem(undefined);
    if (fieldOrder.some((f) => local[f])) return show(local);
    setBusy(true);
    try {
      await onboardingApi.register(token, {
        password: values.password,
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
      });
      // The server set the session cookie. Forget whatever this browser knew before (another person's
      // console, "not signed in") so the console at / asks again and opens for this person.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== registrationKey(token)[0] });
      void navigate('/', { replace: true });
    } catch (error) {
      setBusy(false);
      if (isLinkProblem(error)) return setLinkError(error);
      if (error instanceof ApiError && (Object.keys(error.fields).length || error.code === ErrorCodes.weakPassword)) {
        const fields = error.fields;
        return show({
          firstName: fields.firstName,
          lastName: fields.lastName,
          password: fields.password ?? (error.code === ErrorCodes.weakPassword ? error.message : undefined),
        });
      }
      setProblem(errorMessage(error));
    }
  };

  if (linkError) return <LinkProblem kind="activation" error={linkError} />;

  const sameName = info.username.toLowerCase() === info.email.toLowerCase();
  return (
    <PasswordForm
      title="Set up your account"
      subtitle={<Invitation info={info} />}
      footer={<>This link works until {formatDateTime(info.expiresAt)}.</>}
      problem={problem}
      problemTitle="Your account was not set up"
      submitLabel="Set up account and sign in"
      busy={busy}
      onSubmit={submit}
      invalidAttempts={invalidAttempts}
    >
      {/* Read-only, and marked as the username, so a password manager saves the new password under it. */}
      <TextInput
        label={sameName ? 'Email and username' : 'Username'}
        value={info.username}
        readOnly
        autoComplete="username"
        name="username"
        variant="filled"
      />
      {!sameName && <TextInput label="Email" value={info.email} readOnly variant="filled" />}
      <Group grow align="flex-start">
        <TextInput
          label="First name"
          autoComplete="given-name"
          aria-required
          value={values.firstName}
          onChange={(e) => set('firstName')(e.currentTarget.value)}
          error={errors.firstName}
        />
        <TextInput
          label="Last name"
          autoComplete="family-name"
          aria-required
          value={values.lastName}
          onChange={(e) => set('lastName')(e.currentTarget.value)}
          error={errors.lastName}
        />
      </Group>
      <NewPasswordFields
        label="Password"
        identity={identity}
        minLength={info.passwordRules.minLength}
        password={values.password}
        confirm={values.confirm}
        onPasswordChange={set('password')}
        onConfirmChange={set('confirm')}
        passwordError={errors.password}
        confirmError={errors.confirm}
      />
    </PasswordForm>
  );
}
