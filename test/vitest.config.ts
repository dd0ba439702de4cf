import { defineConfig } from 'vitest/config';
// The workspace root is test/ itself: its suites live in test/<area>/*.test.ts (cli/, parity/, ...).
// Generous timeouts: CI machines have 2 shared cores and turbo runs several suites at once.
// Speed is measured in bench/, never asserted here.
export default defineConfig({
  test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 180_000, hookTimeout: 180_000 },
});
