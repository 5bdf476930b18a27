import { Center } from '@mantine/core';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { LoadingState } from '../../components/States.tsx';

/** While an emailed link is being checked: the page's title already set, a spinner that says what it waits for. */
export function LinkLoading({ title, label }: { title: string; label: string }) {
  useDocumentTitle(title);
  return (
    <Center component="main" h="100vh">
      <LoadingState label={label} />
    </Center>
  );
}
