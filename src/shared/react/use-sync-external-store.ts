/**
 * wouter imports `useSyncExternalStore` from the `use-sync-external-store` shim, which exists for
 * React versions before 18; React 19 has it built in. vite.config.ts points the shim here, so the
 * first load does not carry the shim (and its CommonJS wrapper) for nothing.
 */
export { useSyncExternalStore } from 'react';
