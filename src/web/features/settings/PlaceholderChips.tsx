import { Button, Group, Stack, Text } from '@mantine/core';
import { token } from './placeholders.ts';

/**
 * The placeholders an email may use, as buttons that insert themselves where the cursor was in the
 * field last edited. The names are also plain text a person can select and copy.
 */
export function PlaceholderChips({
  names,
  required,
  target,
  onInsert,
}: {
  names: readonly string[];
  required: readonly string[];
  target: string;
  onInsert(name: string): void;
}) {
  return (
    <Stack gap={6} role="group" aria-labelledby="placeholders-heading" aria-describedby="placeholders-help">
      <Text size="sm" fw={600} id="placeholders-heading">
        Placeholders
      </Text>
      <Text size="xs" c="dimmed" id="placeholders-help">
        Each is replaced by the person's own value when the email is sent. Select one to insert it at the cursor in {target}.
        {required.length > 0 && ` The body must keep ${required.map(token).join(', ')} (marked with *).`}
      </Text>
      <Group gap={6}>
        {names.map((name) => (
          <Button
            key={name}
            size="compact-sm"
            variant="light"
            radius="xl"
            ff="monospace"
            fw={500}
            // Keeps the cursor where it was in the field, so the placeholder lands there.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onInsert(name)}
          >
            {token(name)}
            {required.includes(name) ? ' *' : ''}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
