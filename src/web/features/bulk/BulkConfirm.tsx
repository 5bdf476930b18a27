import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { BulkActionKind } from '../../../common/schemas/bulk-actions.ts';
import { BulkParamsFields, needsParams, paramsComplete, useParamWords, type BulkParams } from './BulkParams.tsx';
import { accountsWord, bulkWords } from './bulk-words.ts';

/**
 * The confirmation: the parameters a grant or a move needs, then the exact count and the effect in
 * words, and the button that sends it (named with the count, so nobody confirms a number they did not read).
 */
export function BulkConfirm(props: {
  action: BulkActionKind;
  count: number;
  allMatching: boolean;
  sending: boolean;
  error: string | null;
  onCancel(): void;
  onSend(params: BulkParams): void;
}) {
  const { action, count } = props;
  const [params, setParams] = useState<BulkParams>({});
  const words = useParamWords(params);
  const ready = paramsComplete(action, params);
  return (
    <Stack>
      {needsParams(action) && <BulkParamsFields action={action} value={params} onChange={setParams} />}
      {ready && <Text size="sm">{bulkWords[action].effect(accountsWord(count), words)}</Text>}
      {props.allMatching && (
        <Text size="sm" c="dimmed">
          Every account matching the list’s search and filters is included, not only this page.
        </Text>
      )}
      {props.error && <Alert color="red">{props.error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button
          color={bulkWords[action].danger ? 'red' : undefined}
          disabled={!ready}
          loading={props.sending}
          onClick={() => props.onSend(params)}
        >
          {bulkWords[action].label} {accountsWord(count)}
        </Button>
      </Group>
    </Stack>
  );
}
