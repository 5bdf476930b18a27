import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setUnauthenticatedHandler } from '../api/client.ts';
import { ForgotPasswordPage } from '../features/onboarding/ForgotPasswordPage.tsx';
import { RegisterPage } from '../features/onboarding/RegisterPage.tsx';
import { ResetPasswordPage } from '../features/onboarding/ResetPasswordPage.tsx';
import { FollowRequestPage } from '../features/requests/FollowRequestPage.tsx';
import { RequestAccountPage } from '../features/requests/RequestAccountPage.tsx';
import { SessionGate } from './SessionGate.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retrying a refusal or a missing record only delays the message the person needs to see.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

// A session that ends (expiry, sign-out elsewhere) sends the person back to the sign-in page.
setUnauthenticatedHandler(() => {
  void queryClient.invalidateQueries({ queryKey: ['me'] });
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {/* Bottom right: at the top they covered the page header’s action buttons (Edit, Archive). */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          <BrowserRouter>
            <Routes>
              {/* Links from emails work without a session. */}
              <Route path="/register/:token" element={<RegisterPage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
              <Route path="/request-account" element={<RequestAccountPage />} />
              <Route path="/request-account/:tenant" element={<RequestAccountPage />} />
              <Route path="/my-request/:token" element={<FollowRequestPage />} />
              <Route path="*" element={<SessionGate />} />
            </Routes>
          </BrowserRouter>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
