import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Light and outline badges, alerts and buttons draw coloured text on a pale background; Mantine's default
 * shade for that text is below WCAG AA contrast for several colours, so those variants use the darkest shade.
 */
/** Colours whose shade 8 is still too light for white text. */
const brightColors = new Set(['red', 'orange', 'teal', 'green', 'yellow', 'cyan', 'lime', 'pink']);
/** Of those, colours whose darkest shade is still below 4.5:1 under white text (orange 9 is 4.3:1); black text on it passes. */
const darkTextColors = new Set(['orange', 'yellow', 'lime']);

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  if (input.variant === 'filled' && brightColors.has(parsed.color)) {
    return {
      ...colors,
      background: `var(--mantine-color-${parsed.color}-9)`,
      hover: `var(--mantine-color-${parsed.color}-8)`,
      color: darkTextColors.has(parsed.color) ? 'var(--mantine-color-black)' : 'var(--mantine-color-white)',
    };
  }
  if (input.variant === 'light' || input.variant === 'subtle') return { ...colors, color: `var(--mantine-color-${parsed.color}-9)` };
  if (input.variant === 'outline')
    return { ...colors, color: `var(--mantine-color-${parsed.color}-9)`, border: `1px solid var(--mantine-color-${parsed.color}-7)` };
  return colors;
};

export const theme = createTheme({
  variantColorResolver,
  primaryColor: 'indigo',
  // Shade 8 keeps white button text above WCAG AA contrast (shade 6 is about 4:1).
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  respectReducedMotion: true,
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    // Icon-only close buttons need a name for screen readers.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Alert: { defaultProps: { closeButtonLabel: 'Dismiss' } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
    // A badge is a word or two: in a table, auto layout would squeeze it to "Archi…"; it keeps its width instead.
    Badge: { styles: { root: { minWidth: 'max-content' } } },
  },
});

/** Mantine's default "dimmed" grey is below WCAG AA contrast on white; a step darker keeps the hierarchy and passes. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // Field errors in red 6 are about 3.3:1 on white; red 9 is about 5.5:1.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-9)',
    '--mantine-primary-color-light-hover': 'var(--mantine-color-indigo-1)',
  },
  dark: {},
});
