import { defineConfig } from 'vitest/config';
// The workspace root is test/ itself: its suites live in test/<area>/*.test.ts (cli/, parity/, ...).
export default defineConfig({ test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] } });
