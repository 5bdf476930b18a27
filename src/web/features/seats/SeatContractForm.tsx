import { Alert, Button, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SeatMode } from '../../../common/schemas/seats.ts';
import { seatsApi } from '../../api/bulk.ts';
import { ApiError, errorMessage } from '../../api/client.ts';

/** A new seat contract for the organization shown (the tenant's administrators). */
export function SeatContractForm({ orgId, orgName, onDone }: { orgId: string; orgName: string; onDone(): void }) {
  const queryClient = useQueryClient();
  const year = new Date().getUTCFullYear();
  const [seats, setSeats] = useState<number | string>(100);
  const [startsOn, setStartsOn] = useState(`${year}-01-01`);
  const [endsOn, setEndsOn] = useState(`${year}-12-31`);
  const [warnAt, setWarnAt] = useState<number | string>(90);
  const [mode, setMode] = useState<SeatMode>('block');
  const save = useMutation({
    mutationFn: () => seatsApi.createContract({ orgId, seats: Number(seats), startsOn, endsOn, warnAt: Number(warnAt), mode }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['seats'] });
      onDone();
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <Text size="sm">Active accounts and invitations not yet expired in {orgName} and everything below it hold a seat.</Text>
        <NumberInput label="Seats" min={1} value={seats} onChange={setSeats} error={fields.seats} required />
        <Group grow>
          <TextInput
            label="Starts on"
            type="date"
            value={startsOn}
            onChange={(e) => setStartsOn(e.currentTarget.value)}
            error={fields.startsOn}
            required
          />
          <TextInput
            label="Ends on"
            type="date"
            value={endsOn}
            onChange={(e) => setEndsOn(e.currentTarget.value)}
            error={fields.endsOn}
            required
          />
        </Group>
        <NumberInput
          label="Warn administrators at (% of seats)"
          min={1}
          max={100}
          value={warnAt}
          onChange={setWarnAt}
          error={fields.warnAt}
          required
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="seat-mode-label">
            When every seat is taken
          </Text>
          <SegmentedControl
            aria-labelledby="seat-mode-label"
            value={mode}
            onChange={(v) => setMode(v as SeatMode)}
            data={[
              { value: 'block', label: 'Refuse new accounts' },
              { value: 'warn', label: 'Only warn' },
            ]}
          />
        </div>
        {save.isError && Object.keys(fields).length === 0 && <Alert color="red">{errorMessage(save.error)}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save contract
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
