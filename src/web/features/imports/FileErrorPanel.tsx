import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileAlert, IconFileUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { importsApi, type ImportView } from '../../api/imports.ts';

interface Explanation {
  title: string;
  /** What went wrong, in plain words. */
  what: string;
  /** What to do about it. */
  fix: string;
  columns?: string[];
  columnsLabel?: string;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A file-level failure (the file as a whole was refused), explained for the person who made the spreadsheet. */
export function explainFileError(error: NonNullable<ImportView['error']>): Explanation {
  const details = (error.details ?? {}) as { columns?: unknown; expected?: unknown };
  const columns = asStrings(details.columns);
  const seeTemplate = 'Download the template to see the expected columns.';
  switch (error.code) {
    case 'unknown_columns':
      return {
        title:
          columns.length === 1 ? 'The file has a column Registrar does not recognise' : 'The file has columns Registrar does not recognise',
        what: 'The first line of the file names the columns. These names are not part of the template, so Registrar cannot tell what they contain:',
        columns,
        columnsLabel: 'Unrecognised columns',
        fix: `${columns.length === 1 ? 'Rename it to one of' : 'Rename them to'} the template's column names (a spelling slip is enough to cause this) or delete ${columns.length === 1 ? 'that column' : 'those columns'}, then upload the file again. ${seeTemplate}`,
      };
    case 'missing_columns':
      return {
        title: columns.length === 1 ? 'A required column is missing' : 'Required columns are missing',
        what: 'Every file must have these columns in its first line, even when some rows leave other columns empty:',
        columns,
        columnsLabel: 'Missing columns',
        fix: `Add ${columns.length === 1 ? 'the column' : 'the columns'} to the first line and fill in a value on every row, then upload the file again. ${seeTemplate}`,
      };
    case 'duplicate_columns':
      return {
        title: 'A column appears more than once',
        what: 'The first line names the same column twice, so Registrar cannot tell which value to use:',
        columns,
        columnsLabel: 'Repeated columns',
        fix: `Keep one of each and delete the copies, then upload the file again. ${seeTemplate}`,
      };
    case 'header_mismatch':
      return {
        title: 'The first line does not match the template',
        what: 'This template needs the exact column names, in the exact order, on the first line:',
        columns: asStrings(details.expected),
        columnsLabel: 'Expected columns, in order',
        fix: 'Start from the template and paste your rows under its first line, without adding, removing or reordering columns.',
      };
    case 'no_rows':
      return {
        title: 'The file has no rows to import',
        what: 'Registrar found the line with the column names, but no people below it.',
        fix: 'Add one row per person under the first line, save, and upload the file again.',
      };
    case 'empty_file':
      return {
        title: 'The file is empty',
        what: 'There is nothing in the file, not even the line with the column names.',
        fix: `Fill in the template, save it, and upload it again. ${seeTemplate}`,
      };
    case 'binary_file':
    case 'unsupported_format':
    case 'unreadable_xlsx':
      return {
        title: 'Registrar cannot read this kind of file',
        what: 'The file is not a CSV file or an Excel workbook (.xlsx), or it is damaged.',
        fix: 'Open it in Excel or another spreadsheet program, choose Save As, pick "CSV UTF-8" or "Excel Workbook (.xlsx)", and upload the new file.',
      };
    case 'record_too_long':
      return {
        title: 'Part of the file could not be read',
        what: 'A row goes on far longer than any row should. This usually means a quotation mark (") was opened and never closed.',
        fix: 'Find the row named below, remove the stray quotation mark, save, and upload the file again.',
      };
    default:
      return {
        title: 'The file could not be imported',
        what: 'Registrar could not read this file as a whole, so no row was checked.',
        fix: 'Read the details below, correct the file, and upload it again.',
      };
  }
}

export function FileErrorPanel({ imp }: { imp: ImportView }) {
  if (!imp.error) return null;
  const explanation = explainFileError(imp.error);
  const retry = `/imports/new?${new URLSearchParams({ orgId: imp.orgId, template: imp.template, mode: imp.mode })}`;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconFileAlert size={22} />}
      title={explanation.title}
      role="alert"
      styles={{ title: { fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{explanation.what}</Text>
        {explanation.columns && explanation.columns.length > 0 && (
          <Group gap={6} aria-label={explanation.columnsLabel} role="list">
            {explanation.columns.map((c) => (
              <Badge key={c} role="listitem" color="red" variant="outline" radius="sm" size="lg" style={{ textTransform: 'none' }}>
                {c}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="sm" fw={600}>
          {explanation.fix}
        </Text>
        <Text size="xs" c="dimmed">
          Nothing was changed: no account was created or updated. Details: {imp.error.message}
        </Text>
        <Group gap="sm" mt={4}>
          <Button
            component="a"
            href={importsApi.templateUrl(imp.template, imp.orgId)}
            download
            variant="white"
            color="red"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            Download template
          </Button>
          <Button component={Link} to={retry} color="red" leftSection={<IconFileUpload size={16} aria-hidden />}>
            Upload a corrected file
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
