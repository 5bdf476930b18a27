// Skeleton: filled in by the onboarding pages work (issue 6).
export function ForgotPasswordPage() {
  return null;
}
