import { ActionIcon, Button, Checkbox, Group, Select, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { emptyColumn, fieldChoices, moved, type ColumnDraft } from './template-draft.ts';

interface Props {
  columns: ColumnDraft[];
  onChange(columns: ColumnDraft[]): void;
  /** The server's problems, keyed "columns.N.part". */
  problems: Record<string, string>;
}

/**
 * The columns as rows, in file order. Up and down buttons reorder them: unlike dragging, they work from
 * the keyboard and with a screen reader, and say where the column went.
 */
export function ColumnsEditor({ columns, onChange, problems }: Props) {
  const update = (i: number, change: Partial<ColumnDraft>) => onChange(columns.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const problem = (i: number, ...parts: string[]) => parts.map((p) => problems[`columns.${i}.${p}`]).find(Boolean);
  return (
    <>
      <Table.ScrollContainer minWidth={980}>
        <Table verticalSpacing="xs" aria-label="Columns, in file order">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Header</Table.Th>
              <Table.Th scope="col">Also accepted as</Table.Th>
              <Table.Th scope="col">Fills</Table.Th>
              <Table.Th scope="col">Required</Table.Th>
              <Table.Th scope="col">Allowed values</Table.Th>
              <Table.Th scope="col">Default</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Order and removal</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map((c, i) => {
              const n = i + 1;
              const ignored = c.reads.startsWith('ignore');
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>{n}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Header of column ${n}`}
                      value={c.name}
                      onChange={(e) => update(i, { name: e.currentTarget.value })}
                      error={problem(i, 'name')}
                      required
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Other headers for column ${n}, separated by commas`}
                      value={c.aliases}
                      onChange={(e) => update(i, { aliases: e.currentTarget.value })}
                      error={problem(i, 'aliases')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`What column ${n} fills`}
                      data={fieldChoices}
                      value={c.reads}
                      allowDeselect={false}
                      onChange={(v) => v && update(i, { reads: v })}
                      error={problem(i, 'field', 'mustBeBlank')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Column ${n} is required`}
                      checked={c.required && !ignored}
                      disabled={ignored}
                      onChange={(e) => update(i, { required: e.currentTarget.checked })}
                      error={problem(i, 'required')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Allowed values for column ${n}, separated by commas`}
                      value={c.allowedValues}
                      disabled={ignored}
                      onChange={(e) => update(i, { allowedValues: e.currentTarget.value })}
                      error={problem(i, 'allowedValues')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Default for column ${n}`}
                      value={c.default}
                      disabled={ignored}
                      onChange={(e) => update(i, { default: e.currentTarget.value })}
                      error={problem(i, 'default', 'dateFormats')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="default"
                        aria-label={`Move column ${n} (${c.name || 'no header'}) up`}
                        disabled={i === 0}
                        onClick={() => onChange(moved(columns, i, i - 1))}
                      >
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={`Move column ${n} (${c.name || 'no header'}) down`}
                        disabled={i === columns.length - 1}
                        onClick={() => onChange(moved(columns, i, i + 1))}
                      >
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove column ${n} (${c.name || 'no header'})`}
                        disabled={columns.length === 1}
                        onClick={() => onChange(columns.filter((_, j) => j !== i))}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Button
        variant="default"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => onChange([...columns, emptyColumn()])}
        mt="xs"
      >
        Add a column
      </Button>
    </>
  );
}
