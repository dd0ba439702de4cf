// Nightly job: translate the product catalogue into every language, one request per language.
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();
const LANGUAGES = ['de', 'fr', 'ja', 'ko', 'es'];

export async function translateCatalogue(catalogue: string) {
  const out: Record<string, string> = {};
  for (const lang of LANGUAGES) {
    const msg = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 4000,
      system: `You translate product catalogues. Keep SKUs, prices and units unchanged.`,
      messages: [{ role: 'user', content: `Translate into ${lang}:\n\n${JSON.stringify(JSON.parse(catalogue), null, 2)}` }],
    });
    out[lang] = msg.content[0]?.type === 'text' ? msg.content[0].text : '';
  }
  return out;
}
