/**
 * Code that calls an app: curl on the run API (`/v1/apps/{slug}/run`, every input by name), and the
 * official `openai` SDK for Python and Node with `model: "app:{slug}"` (the last user message fills the
 * app's main variable). The key stays a placeholder, never a real secret.
 */
import { appRunUrl } from '../../api/app-run.ts';
import type { AppInputs } from '../../api/apps.ts';

export type SnippetLang = 'curl' | 'python' | 'node';
export const SNIPPET_LANGS: readonly SnippetLang[] = ['curl', 'python', 'node'];

const py = (v: unknown): string => {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return JSON.stringify(v);
};

export function buildAppSnippet(
  lang: SnippetLang,
  slug: string,
  inputs: AppInputs,
  mainText: string,
  origin = window.location.origin,
): string {
  const baseURL = `${origin}/v1`;
  const model = `app:${slug}`;
  if (lang === 'curl') {
    const json = JSON.stringify({ inputs, stream: false }, null, 2);
    return [
      `curl ${origin}${appRunUrl(slug)} \\`,
      `  -H "Authorization: Bearer $BAIMO_API_KEY" \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d '${json.replace(/'/g, `'\\''`)}'`,
    ].join('\n');
  }
  if (lang === 'node') {
    return `import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: '${baseURL}',
  apiKey: process.env.BAIMO_API_KEY,
});

const stream = await client.chat.completions.create({
  model: ${JSON.stringify(model)},
  messages: [{ role: 'user', content: ${JSON.stringify(mainText)} }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
}
`;
  }
  return `import os
from openai import OpenAI

client = OpenAI(
    base_url="${baseURL}",
    api_key=os.environ["BAIMO_API_KEY"],
)

stream = client.chat.completions.create(
    model=${py(model)},
    messages=[{"role": "user", "content": ${py(mainText)}}],
    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
`;
}
