import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { onboardingApi } from '../../api/onboarding.ts';
import { LinkLoading } from './LinkLoading.tsx';
import { LinkProblem } from './LinkProblem.tsx';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';

/** /reset-password/:token — the page a password-reset email links to; no session needed. */
export function ResetPasswordPage() {
  const token = useParams().token ?? '';
  const info = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => onboardingApi.passwordReset(token),
    // Only this page uses the link; refetching after the change would turn the success into "already used".
    staleTime: Infinity,
  });
  if (info.isPending) return <LinkLoading title="Choose a new password" label="Checking your link…" />;
  if (info.isError) return <LinkProblem kind="reset" error={info.error} />;
  return <ResetPasswordForm token={token} info={info.data} />;
}
