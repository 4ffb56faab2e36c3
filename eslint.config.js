// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import { layeringRule } from './scripts/lint/layering-rule.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', 'test-results/**', 'playwright-report/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { local: { rules: { layering: layeringRule } } },
    rules: {
      'local/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // DOM globals in a service package mean it assumes a browser: packages run in plain Node.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'].map((name) => ({
          name,
          message: 'packages/* know nothing of the DOM',
        })),
      ],
    },
  },
  {
    // Packages that parse files from outside (PDFs, edXML packages): a regex whose quantifiers can trade characters
    // backtracks in time quadratic in a hostile word's length (PDF fuzz case 53453 spent 8.9 s in one).
    files: ['packages/signing/src/**/*.ts', 'packages/exchange/src/**/*.ts'],
    plugins: { regexp },
    rules: { 'regexp/no-super-linear-backtracking': 'error' },
  },
  {
    // Plain JavaScript run by Node (lint rule, summary script, configs).
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
