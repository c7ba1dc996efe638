import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Router, useSearch } from 'wouter';
import { LocaleProvider, useLocaleValue } from '../shared/i18n/i18n.tsx';
import { AppShell } from './AppShell.tsx';
import { createQueryClient } from './query-client.ts';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <Router>
        <LocalizedShell />
      </Router>
    </QueryClientProvider>
  );
}

function LocalizedShell() {
  const locale = useLocaleValue(useSearch());
  return (
    <LocaleProvider value={locale}>
      <AppShell />
    </LocaleProvider>
  );
}
