import { Alert, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage } from '../../api/client.ts';
import type { EmailTemplatePreview } from '../../api/settings.ts';
import { htmlPreviewSandbox, linkify, withLinksInNewTab } from '../mail/mail-text.tsx';
import { describeMissing, describeUnknown } from './placeholders.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

interface Props {
  preview: EmailTemplatePreview | undefined;
  updating: boolean;
  error: unknown;
}

/** The email as a person would receive it, filled with sample values by the server. */
export function TemplatePreview({ preview, updating, error }: Props) {
  return (
    <Paper p="lg" component="section" aria-labelledby="preview-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="lg" id="preview-heading">
          Preview
        </Title>
        {updating && (
          <Group gap={6} aria-live="polite">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              Updating…
            </Text>
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="md">
        With sample values, such as the name Ana Silva. It follows your changes as you type.
      </Text>
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The preview could not be made" role="alert">
          {errorMessage(error)}
        </Alert>
      ) : !preview ? (
        <Text size="sm" c="dimmed">
          Preparing the preview…
        </Text>
      ) : (
        <Stack gap="md">
          {preview.missing.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              styles={readableTitle}
              icon={<IconAlertTriangle size={18} />}
              title="A required placeholder is missing"
            >
              {describeMissing(preview.missing)} The template cannot be saved without it.
            </Alert>
          )}
          {preview.unknown.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              styles={readableTitle}
              icon={<IconAlertTriangle size={18} />}
              title="Unknown placeholders"
            >
              {describeUnknown(preview.unknown)}{' '}
              {preview.unknown.length === 1
                ? 'It is shown as written here, and the template cannot be saved with it.'
                : 'They are shown as written here, and the template cannot be saved with them.'}
            </Alert>
          )}
          <div>
            <Title order={3} fz="sm" mb={4}>
              Subject
            </Title>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {preview.subject || '—'}
            </Text>
          </div>
          <div>
            <Title order={3} fz="sm" mb={4}>
              Plain text
            </Title>
            <Code block style={{ whiteSpace: 'pre-wrap', fontSize: 'var(--mantine-font-size-sm)' }}>
              {linkify(preview.bodyText)}
            </Code>
          </div>
          <div>
            <Title order={3} fz="sm" mb={4}>
              HTML
            </Title>
            {/* Sandboxed: no scripts, no forms, an origin of its own, whatever the template holds. A link would
                navigate the frame itself to a blank page, so links open in a new tab instead. */}
            <iframe
              title="HTML version of the email"
              sandbox={htmlPreviewSandbox}
              srcDoc={withLinksInNewTab(preview.bodyHtml)}
              style={{
                width: '100%',
                height: 320,
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-sm)',
                background: 'white',
              }}
            />
          </div>
        </Stack>
      )}
    </Paper>
  );
}
