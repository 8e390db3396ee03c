import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthCallback } from '../modules/auth/components/AuthCallback';
import { AuthProvider } from '../modules/auth/components/AuthProvider';
import { RequireSignIn } from '../modules/auth/components/RequireSignIn';
import { AuthenticatedApiProvider } from './AuthenticatedApiProvider';
import { createQueryClient } from './createQueryClient';
import { SignedInApp } from './SignedInApp';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/auth/callback" element={<AuthCallback />} />
              <Route
                path="*"
                element={
                  <RequireSignIn>
                    <AuthenticatedApiProvider>
                      <SignedInApp />
                    </AuthenticatedApiProvider>
                  </RequireSignIn>
                }
              />
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </FluentProvider>
  );
}
