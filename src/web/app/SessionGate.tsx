import { Center, Loader } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { ErrorState } from '../components/States.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { AppRoutes } from './AppRoutes.tsx';
import { SessionContext, useMeQuery } from './session.ts';

/**
 * Signed out: the sign-in page, at whatever address was asked for, so a bookmark still lands where it
 * points once the person has signed in. A temporary password: its change, before anything else.
 */
export function SessionGate() {
  const me = useMeQuery();
  if (me.isPending) {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader aria-label="Loading Registrar" />
      </Center>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <SignInPage />;
    return (
      <Center h="100vh" p="md">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (me.data.mustChangePassword) return <ChangePasswordPage me={me.data} />;
  return (
    <SessionContext.Provider value={me.data}>
      <AppRoutes />
    </SessionContext.Provider>
  );
}
