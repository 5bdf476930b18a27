import { ActionIcon, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import { maxImportFileLabel, maxUploadBytes } from '../../api/imports.ts';
import { formatNumber } from '../../components/format.ts';

const acceptedExtensions = ['.csv', '.txt', '.tsv', '.xlsx'];

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10)} KB`;
  return `${formatNumber(Math.round(bytes / (1024 * 104.8576)) / 10)} MB`;
}

/** Why the browser will not send this file, or null when it may. The server checks again. */
export function fileProblem(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls'))
    return `"${file.name}" is an old Excel workbook (.xls). In Excel, choose File › Save As and pick "CSV UTF-8" or "Excel Workbook (.xlsx)", then choose the new file.`;
  if (!acceptedExtensions.some((ext) => name.endsWith(ext)))
    return `"${file.name}" is not a spreadsheet Registrar can read. Choose a CSV file (.csv, .txt, .tsv) or an Excel workbook (.xlsx).`;
  if (file.size === 0) return `"${file.name}" is empty. Fill in the template, save it, and choose it again.`;
  if (file.size > maxUploadBytes)
    return `"${file.name}" is ${formatBytes(file.size)}; files can be at most ${maxImportFileLabel}. Split it into smaller files and import them one after another.`;
  return null;
}

/**
 * A drop area around a real, labelled file input: a click or Enter/Space on it opens the file chooser,
 * and dropping a file there does the same as choosing it.
 */
export function FileDrop({
  file,
  onChange,
  label,
  error,
}: {
  file: File | null;
  onChange: (file: File | null, problem: string | null) => void;
  label: string;
  error?: string | null;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const pick = (next: File | undefined) => {
    if (!next) return;
    onChange(next, fileProblem(next));
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    pick(event.dataTransfer.files[0]);
  };

  return (
    <Stack gap={6}>
      <div
        className="import-drop"
        data-over={over || undefined}
        data-invalid={error ? true : undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <input
          ref={input}
          id={id}
          type="file"
          className="import-drop-input"
          accept={[...acceptedExtensions, 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].join(',')}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            pick(e.currentTarget.files?.[0]);
            // Choosing the same file again after fixing it must still fire a change.
            e.currentTarget.value = '';
          }}
        />
        {/* eslint-disable-next-line jsx-a11y/label-has-associated-control -- the label's text ({label}) sits four elements down, deeper than the rule looks */}
        <label htmlFor={id} className="import-drop-label">
          <Group gap="md" wrap="nowrap" justify="center">
            <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
              <IconUpload size={24} />
            </ThemeIcon>
            <Stack gap={2}>
              <Text fw={600}>{label}</Text>
              <Text size="sm" c="dimmed" id={`${id}-hint`}>
                Drop the file here, or click to browse. CSV or Excel (.xlsx), up to {maxImportFileLabel}.
              </Text>
            </Stack>
          </Group>
        </label>
      </div>
      {file && !error && (
        <Group gap="sm" className="import-chosen-file" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap">
            <IconFileSpreadsheet size={22} aria-hidden color="var(--mantine-color-teal-8)" />
            <div>
              <Text size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
                {file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(file.size)}
              </Text>
            </div>
          </Group>
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${file.name}`} onClick={() => onChange(null, null)}>
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
      )}
      {error && (
        <Text size="sm" c="red.9" id={`${id}-error`} role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
