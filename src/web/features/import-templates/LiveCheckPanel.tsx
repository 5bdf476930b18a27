import { Alert, Paper, Table, Text, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { checkPastedLines } from './live-check.ts';
import { previewTemplateOf, type TemplateDraft } from './template-draft.ts';

/** Paste the first lines of a real file and see, as you edit, how each of its columns would be read. */
export function LiveCheckPanel({ draft }: { draft: TemplateDraft }) {
  const [text, setText] = useState('');
  const check = useMemo(() => checkPastedLines(previewTemplateOf(draft), text), [draft, text]);
  return (
    <Paper p="lg" component="section" aria-labelledby="live-check-title">
      <Title order={2} fz="lg" id="live-check-title">
        Try it with a file
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Paste the header and the first row of a real file (copied from the spreadsheet or the CSV). Nothing is uploaded.
      </Text>
      <Textarea
        label="First lines of a file"
        autosize
        minRows={3}
        maxRows={8}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      {check && (
        <>
          {check.problems.length > 0 ? (
            <Alert color="red" variant="light" mt="md" title="This file would be refused" role="status">
              {check.problems.join(' ')}
            </Alert>
          ) : (
            <Alert color="green" variant="light" mt="md" role="status">
              The header fits this template.
              {check.columns.some((c) => c.reads.startsWith('Not in the template')) &&
                ' Columns the template does not know will be ignored.'}
            </Alert>
          )}
          <Table mt="md" aria-label="How each column is read">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Column in the file</Table.Th>
                <Table.Th scope="col">Read as</Table.Th>
                <Table.Th scope="col">First row</Table.Th>
                <Table.Th scope="col">Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {check.columns.map((c, i) => (
                <Table.Tr key={`${i}-${c.header}`}>
                  <Table.Td>{c.header || '(blank)'}</Table.Td>
                  <Table.Td>{c.reads}</Table.Td>
                  <Table.Td>{c.sample || '(blank)'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={c.ok ? 400 : 600} c={c.ok ? undefined : 'red.9'}>
                      {c.ok ? '' : 'Problem: '}
                      {c.verdict}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
