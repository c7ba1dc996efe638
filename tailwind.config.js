/**
 * Tailwind v4 reads its theme from src/index.css (`@theme`); this file is loaded from there with
 * `@config` and only says where the classes are, so class names built from data are not purged.
 * @type {import('tailwindcss').Config}
 */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
};
