/** `npm run bench` section: gpt-tokenizer vs js-tiktoken (see bench/tokenizer.mjs). */
import { run } from '../tokenizer.mjs';

export default { name: 'tokenizer', run };
