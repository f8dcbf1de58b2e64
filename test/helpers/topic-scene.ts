/**
 * A `baimo.yaml` for topic classification tests: the fake topic upstream (test/fakes/topic-upstream.ts)
 * behind chat aliases `chat-a` and `chat-b`, the embedding alias `embed` and the cheap chat alias
 * `cheap` (for the zero-shot pass), all priced; `analytics.topics` on with `topics` on top.
 */
export function topicConfig(url: string, topics: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providers: { up: { type: 'openai-compatible', base_url: url, trust: 'self_hosted' } },
    models: [
      { name: 'chat-a', targets: [{ provider: 'up', model: 'a1' }] },
      { name: 'chat-b', targets: [{ provider: 'up', model: 'b1' }] },
      { name: 'embed', targets: [{ provider: 'up', model: 'e1' }] },
      { name: 'cheap', targets: [{ provider: 'up', model: 'z1' }] },
    ],
    prices: [
      { model: 'up/a1', input: 1, output: 2 },
      { model: 'up/b1', input: 1, output: 2 },
      { model: 'up/e1', input: 500 },
      { model: 'up/z1', input: 100, output: 100 },
    ],
    router: { retries: 0 },
    jobs: { poll_ms: 50 },
    analytics: { topics: { enabled: true, embedding_model: 'embed', ...topics } },
    ...extra,
  };
}
