import { defineConfig } from 'vitest/config';

// The package as a consumer gets it: packed, installed in a temporary folder, used from ESM,
// CommonJS and TypeScript. A minute or more (npm install), so not part of `npm test`:
// `npm run test:consumer` runs it, and .ci/run after the unit tests.
export default defineConfig({
  test: {
    include: ['test/consumer/**/*.consumer.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
