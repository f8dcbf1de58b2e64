import type { ChatMessage, ChatParams } from '../../api/stream-chat.ts';

export type SnippetLang = 'curl' | 'js' | 'python';

/** Code that reproduces a playground request; the key stays a placeholder, never a real secret. */
export function buildSnippet(lang: SnippetLang, model: string, messages: ChatMessage[], params: ChatParams): string {
  const baseURL = `${window.location.origin}/v1`;
  const body = { model, messages, ...params, stream: true };
  const json = JSON.stringify(body, null, 2);
  if (lang === 'curl') {
    return [
      `curl ${baseURL}/chat/completions \\`,
      `  -H "Authorization: Bearer $BAIMO_API_KEY" \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d '${json.replace(/'/g, `'\\''`)}'`,
    ].join('\n');
  }
  const indent = (s: string, n: number) => s.replace(/\n/g, `\n${' '.repeat(n)}`);
  if (lang === 'js') {
    return `import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: '${baseURL}',
  apiKey: process.env.BAIMO_API_KEY,
});

const stream = await client.chat.completions.create(${indent(json, 0)});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
}
`;
  }
  const py = (v: unknown): string => {
    if (v === null || v === undefined) return 'None';
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    return JSON.stringify(v);
  };
  const pyMessages = messages.map((m) => `        {"role": ${py(m.role)}, "content": ${py(m.content)}},`).join('\n');
  const pyParams = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    ${k}=${py(v)},`)
    .join('\n');
  return `import os
from openai import OpenAI

client = OpenAI(
    base_url="${baseURL}",
    api_key=os.environ["BAIMO_API_KEY"],
)

stream = client.chat.completions.create(
    model=${py(model)},
    messages=[
${pyMessages}
    ],
${pyParams ? `${pyParams}\n` : ''}    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
`;
}
