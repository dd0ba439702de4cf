// A chat endpoint with the ai SDK: the whole history is resent on every turn.
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

const history: { role: 'user' | 'assistant'; content: string }[] = [];

export async function chat(userMessage: string) {
  history.push({ role: 'user', content: userMessage });
  const { text } = await generateText({
    model: openai('gpt-4o-mini'),
    maxTokens: 500,
    system: 'You are a concise assistant.',
    messages: history,
  });
  history.push({ role: 'assistant', content: text });
  return text;
}
