import { Alert, Button, Grid, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRestore } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { emailTemplateInputSchema } from '../../../common/schemas/email-templates.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { emailTemplatesApi, type EmailTemplateInput, type EmailTemplateView } from '../../api/settings.ts';
import { PlaceholderChips } from './PlaceholderChips.tsx';
import { draftProblems, token, type TemplateField } from './placeholders.ts';
import { TemplatePreview } from './TemplatePreview.tsx';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard.ts';
import { templatesKey } from './TemplateList.tsx';

type Field = TemplateField;
type Values = Record<Field, string>;
const fields: Field[] = ['subject', 'bodyText', 'bodyHtml'];
const fieldNames: Record<Field, string> = { subject: 'the subject', bodyText: 'the plain-text body', bodyHtml: 'the HTML body' };

// Monospace, and the text stays dark when the field is flagged: a whole body in red is hard to read.
const codeInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)', color: 'var(--mantine-color-text)' } };

export const templateKey = (key: string, tenantId: string) => ['email-templates', tenantId, key] as const;

const valuesOf = (t: EmailTemplateView): Values => ({ subject: t.subject, bodyText: t.bodyText, bodyHtml: t.bodyHtml ?? '' });
// An empty HTML body means "make it from the plain text".
const inputOf = (v: Values): EmailTemplateInput => ({
  subject: v.subject,
  bodyText: v.bodyText,
  bodyHtml: v.bodyHtml.trim() === '' ? null : v.bodyHtml,
});

interface Props {
  template: EmailTemplateView;
  tenantId: string;
  /** Called with the template as the server now has it (saved or restored). */
  onChanged(template: EmailTemplateView): void;
}

export function TemplateEditor({ template, tenantId, onChanged }: Props) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => valuesOf(template));
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [busy, setBusy] = useState<'save' | 'restore' | null>(null);
  const [lastField, setLastField] = useState<Field>('bodyText');
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyTextRef = useRef<HTMLTextAreaElement>(null);
  const bodyHtmlRef = useRef<HTMLTextAreaElement>(null);
  // Read from event handlers only: where to insert a placeholder, which field to focus after a refusal.
  const elementOf = (f: Field) => ({ subject: subjectRef, bodyText: bodyTextRef, bodyHtml: bodyHtmlRef })[f].current;

  const [settled] = useDebouncedValue(values, 400);
  const preview = useQuery({
    queryKey: ['email-template-preview', tenantId, template.key, settled],
    queryFn: () => emailTemplatesApi.preview(template.key, tenantId, inputOf(settled)),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const saved = valuesOf(template);
  const dirty = fields.some((f) => values[f] !== saved[f]);
  useUnsavedChangesGuard(dirty);
  // Checked as the person types; the server checks again when they save.
  const liveErrors = draftProblems(values, template.placeholders, template.requiredPlaceholders);

  const change = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  };

  const insert = (name: string) => {
    const element = elementOf(lastField);
    const current = values[lastField];
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? start;
    const text = token(name);
    change(lastField, current.slice(0, start) + text + current.slice(end));
    // After React has written the new value, put the cursor just after the inserted placeholder.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // The shared schema catches an empty subject or body before the round trip.
    const parsed = emailTemplateInputSchema.safeParse(inputOf(values));
    if (!parsed.success) {
      const local: Partial<Record<Field | 'form', string>> = {};
      for (const issue of parsed.error.issues) local[String(issue.path[0]) as Field] ??= issue.message;
      setServerErrors(local);
      const first = fields.find((f) => local[f]);
      if (first) elementOf(first)?.focus();
      return;
    }
    setBusy('save');
    try {
      const result = await emailTemplatesApi.save(template.key, tenantId, inputOf(values));
      await queryClient.invalidateQueries({ queryKey: templatesKey(tenantId), exact: true });
      notifications.show({ color: 'teal', title: 'Template saved', message: `${result.label}: new messages use this wording.` });
      onChanged(result);
    } catch (error) {
      const errors: Partial<Record<Field | 'form', string>> = { form: errorMessage(error) };
      if (error instanceof ApiError)
        for (const [f, message] of Object.entries(error.fields)) if ((fields as string[]).includes(f)) errors[f as Field] = message;
      setServerErrors(errors);
      const first = fields.find((f) => errors[f]);
      if (first) elementOf(first)?.focus();
    } finally {
      setBusy(null);
    }
  };

  const restore = () =>
    modals.openConfirmModal({
      title: 'Restore the built-in wording?',
      children: (
        <Text size="sm">
          This tenant's own subject and text for “{template.label}” are deleted, and new messages use Registrar's built-in wording again.
          This cannot be undone.
        </Text>
      ),
      labels: { confirm: 'Restore built-in wording', cancel: 'Keep my wording' },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => {
        setBusy('restore');
        void (async () => {
          try {
            await emailTemplatesApi.restore(template.key, tenantId);
            const builtIn = await emailTemplatesApi.get(template.key, tenantId);
            await queryClient.invalidateQueries({ queryKey: templatesKey(tenantId), exact: true });
            notifications.show({
              color: 'teal',
              title: 'Built-in wording restored',
              message: `${template.label} is back to Registrar's wording.`,
            });
            onChanged(builtIn);
          } catch (error) {
            setServerErrors({ form: errorMessage(error) });
          } finally {
            setBusy(null);
          }
        })();
      },
    });

  const errorOf = (f: Field) => serverErrors[f] ?? liveErrors[f];
  const focusProps = (f: Field) => ({ onFocus: () => setLastField(f), name: f, error: errorOf(f), value: values[f] });

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={(e) => void save(e)} noValidate aria-label={`Edit ${template.label}`}>
          <Paper p="lg">
            <Stack gap="md">
              {serverErrors.form && (
                <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The template was not saved" role="alert">
                  {serverErrors.form}
                </Alert>
              )}
              <TextInput
                label="Subject"
                required
                ref={subjectRef}
                {...focusProps('subject')}
                onChange={(e) => change('subject', e.currentTarget.value)}
              />
              <Textarea
                label="Plain-text body"
                required
                autosize
                minRows={8}
                maxRows={24}
                ref={bodyTextRef}
                {...focusProps('bodyText')}
                onChange={(e) => change('bodyText', e.currentTarget.value)}
                styles={codeInput}
              />
              <Textarea
                label="HTML body (optional)"
                description="Leave empty and the HTML version is made from the plain text: paragraphs kept, links clickable."
                autosize
                minRows={4}
                maxRows={24}
                ref={bodyHtmlRef}
                {...focusProps('bodyHtml')}
                onChange={(e) => change('bodyHtml', e.currentTarget.value)}
                styles={codeInput}
              />
              <PlaceholderChips
                names={template.placeholders}
                required={template.requiredPlaceholders}
                target={fieldNames[lastField]}
                onInsert={insert}
              />
              <Group justify="space-between" mt="xs">
                {template.customized ? (
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconRestore size={16} aria-hidden />}
                    onClick={restore}
                    loading={busy === 'restore'}
                  >
                    Restore built-in wording
                  </Button>
                ) : (
                  <span />
                )}
                <Group gap="sm">
                  {dirty && (
                    <Text size="sm" c="dimmed">
                      Unsaved changes
                    </Text>
                  )}
                  <Button type="submit" loading={busy === 'save'}>
                    Save template
                  </Button>
                </Group>
              </Group>
            </Stack>
          </Paper>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <TemplatePreview preview={preview.data} updating={preview.isFetching} error={preview.isError ? preview.error : null} />
      </Grid.Col>
    </Grid>
  );
}
