// The test run's configuration (npm test: `vitest run --config test/vitest.config.ts`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    // The CLI tests spawn real builds and LibreOffice; two cores share them.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
