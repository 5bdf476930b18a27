// Skeleton: filled in by the settings pages work (issue 6).
export function EmailTemplatePage() {
  return null;
}
