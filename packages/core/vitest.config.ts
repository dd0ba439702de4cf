import { defineConfig } from 'vitest/config';
// Generous timeouts: CI machines have 2 shared cores and turbo runs several suites at once, so a
// test that takes 1 s alone can take 10 s there. Speed is measured in bench/, never asserted here.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } });
