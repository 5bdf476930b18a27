// Skeleton: filled in by the onboarding pages work (issue 6).
export function RegisterPage() {
  return null;
}
