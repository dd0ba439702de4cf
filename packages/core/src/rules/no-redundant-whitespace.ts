// STUB: replaced by the real rule in the next commits.
import { defineRule } from '../rule.js';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'no-redundant-whitespace',
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
