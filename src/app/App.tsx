import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Router, useSearch } from 'wouter';
import { LocaleProvider, useLocaleValue } from '../shared/i18n/i18n.tsx';
import { AppShell } from './AppShell.tsx';

export function App({ queryClient }: { queryClient: QueryClient }) {
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
