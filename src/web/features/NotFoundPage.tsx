import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '../components/States.tsx';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.tsx';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is nothing at this address"
        action={
          <Button component={Link} to="/accounts">
            Go to accounts
          </Button>
        }
      >
        The link may be old, or the page may have moved.
      </EmptyState>
    </>
  );
}
