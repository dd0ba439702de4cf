// STUB: replaced by the real rule in the next commits.
import { defineRule } from '../rule.js';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'require-length-limit',
    family: 'verbose-format',
    description: 'TODO',
    recommended: false,
    strict: false,
    defaultSeverity: 'warn',
    defaultOptions: {},
    schema: { type: 'object', additionalProperties: false, properties: {} },
  },
  check() {
    return [];
  },
});
