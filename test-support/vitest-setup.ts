/**
 * Runs before every unit test file: Testing Library's DOM matchers (`toBeInTheDocument`,
 * `toHaveTextContent`, …) on Vitest's `expect`, so a missing element fails with a readable message.
 */
import '@testing-library/jest-dom/vitest';
