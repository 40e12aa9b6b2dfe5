// Lint rules. The important one is the core boundary: src/core must stay framework-free so it runs
// unchanged in Node (tests, CLI), a Web Worker and the page (see src/core/README.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports the core may never make. Exported for the boundary test. */
export const CORE_FORBIDDEN_IMPORTS = {
  paths: [
    { name: 'react', message: 'src/core is framework-free: no React.' },
    { name: 'react-dom', message: 'src/core is framework-free: no React DOM.' },
    { name: 'zustand', message: 'src/core is framework-free: state lives in src/state.' },
    { name: 'zundo', message: 'src/core is framework-free: undo lives in src/state.' },
    { name: '@xstate/react', message: 'src/core is framework-free.' },
    { name: 'html-to-image', message: 'src/core is framework-free: no DOM.' },
  ],
  patterns: [
    { group: ['react/*', 'react-dom/*', 'zustand/*', '@xyflow/*', '@xstate/react/*'], message: 'src/core is framework-free.' },
    { group: ['**/ui/**', '**/state/**', '**/machines/**', '**/actions/**', '**/worker/**', '**/cli/**'], message: 'src/core may import only src/core.' },
    { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/core runs in the browser too: no Node built-ins (the CLI does I/O).' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', 'public/schema', 'e2e/.output', 'src/core/**/__fixtures__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', CORE_FORBIDDEN_IMPORTS],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core has no DOM.' },
        { name: 'document', message: 'src/core has no DOM.' },
        { name: 'localStorage', message: 'src/core has no DOM.' },
        { name: 'process', message: 'src/core runs in the browser too.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject the seeded PRNG (src/core/sim) instead.' },
        { object: 'Date', property: 'now', message: 'Inject the virtual clock instead.' },
        { object: 'performance', property: 'now', message: 'Inject the virtual clock instead.' },
      ],
    },
  },
);
