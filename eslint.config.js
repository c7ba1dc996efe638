import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';

const features = ['live', 'sessions', 'power', 'chargers', 'timeline'];
/**
 * What a feature offers the others: its query modules (`api/`, e.g. the settings and today's
 * energy) and the top-level components another view places (the live view shows today's timeline).
 */
const featureExports = ['./sessions/api', './power/api', './timeline/api', './timeline/TodayTimeline.tsx'];

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'node_modules', 'test-results', 'playwright-report', 'bench/out', 'e2e/fixture-page/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Imports flow one way (docs/architecture.md#layers), src/shared -> src/api ->
      // src/features/* -> app, and the browser never reaches into the server. A feature does not import another feature's
      // internals, only what `featureExports` lists.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './contract', from: ['./src', './server', './e2e', './bench'], message: 'the contract stands alone: server, browser and simulator import it, it imports none of them' },
            { target: './src/shared', from: ['./src/api', './src/features', './src/app'], message: 'src/shared is the bottom layer' },
            { target: './src/api', from: ['./src/features', './src/app'], message: 'src/api must not depend on features or the app' },
            { target: './src/features', from: './src/app', message: 'features must not depend on the app shell' },
            { target: './src', from: ['./server', './e2e', './bench'], message: 'the browser code must not import Node code' },
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`, ...featureExports.filter((path) => !path.startsWith(`./${feature}/`))],
              message: 'a feature does not import another feature; lift shared code to src/shared or src/api',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Scripts served as they are (public/theme.js runs in the page before the app).
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ['e2e/**', 'bench/**', 'server/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
