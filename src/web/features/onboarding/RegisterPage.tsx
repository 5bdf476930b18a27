import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { onboardingApi, registrationKey } from '../../api/onboarding.ts';
import { LinkLoading } from './LinkLoading.tsx';
import { LinkProblem } from './LinkProblem.tsx';
import { RegisterForm } from './RegisterForm.tsx';

/** /register/:token — the page an activation email links to; no session needed. */
export function RegisterPage() {
  const token = useParams().token ?? '';
  const info = useQuery({
    queryKey: registrationKey(token),
    queryFn: () => onboardingApi.registration(token),
    // The answer only changes when this page acts on it; refetching could flash "already used" after success.
    staleTime: Infinity,
  });
  if (info.isPending) return <LinkLoading title="Set up your account" label="Loading your invitation…" />;
  if (info.isError) return <LinkProblem kind="activation" error={info.error} />;
  return <RegisterForm token={token} info={info.data} />;
}
