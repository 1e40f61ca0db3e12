import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests mirror src/ under test/; tmp/ and dist/ hold scratch files and build output.
    include: ['test/**/*.test.ts'],
    // Stage tests take milliseconds; the OCR and end-to-end cases set their own, longer limits.
    testTimeout: 15_000,
    // Starting the OCR engine in a hook can take a few seconds on a busy 2-core machine.
    hookTimeout: 30_000,
  },
});
