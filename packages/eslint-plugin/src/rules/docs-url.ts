/**
 * The address of a rule's documentation page, derived from the one `homepage` in the plugin's
 * package.json (itself written from the root package.json by scripts/package-meta.mjs): the rule
 * pages live in the repository's docs/rules/.
 */
import { createRequire } from 'node:module';

const { homepage } = createRequire(import.meta.url)('../../package.json') as { homepage: string };

/** `<homepage>/blob/main/docs/rules/<id>.md` */
export function ruleDocsUrl(id: string): string {
  return `${homepage}/blob/main/docs/rules/${id}.md`;
}
