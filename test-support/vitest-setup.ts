/**
 * Runs before every unit test file: Testing Library's DOM matchers (`toBeInTheDocument`,
 * `toHaveTextContent`, …) on Vitest's `expect`, so a missing element fails with a readable message.
 */
import '@testing-library/jest-dom/vitest';
// The first load's German is a lazy chunk in the app (src/app/german.ts); tests render either
// language at once.
import '../src/app/german-tables.ts';
