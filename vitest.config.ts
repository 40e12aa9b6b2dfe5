import { defineConfig } from 'vitest/config';

// Unit and property tests live beside the code as *.test.ts; e2e specs are Playwright's.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
