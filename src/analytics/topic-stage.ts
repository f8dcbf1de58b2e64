import type { GatewayEntry, GatewayStage, StageCall } from '../gateway/pipeline.js';
import type { TopicItem } from './topic-capture.js';
import { inTopicSample } from './topic-sampling.js';
import { requestTopicText } from './topic-text.js';

/** The prefix of a scenario app's model name (`app:{slug}`), as the route table spells it. */
const APP_PREFIX = 'app:';

export interface TopicStageDeps {
  /** Read per call (the taxonomy and the rate may change while running). */
  settings(): { enabled: boolean; sampleRate: number };
  /** Takes a sampled request; never waits (the capture buffer). */
  capture(item: TopicItem): void;
}

/**
 * Topic capture as a request stage, after data security (it sees the masked request) and the limits
 * (a refused request is not classified), before the response cache (a cached answer still counts). A
 * chat request whose normalised last user message is in the sample (`analytics.topics.sample_rate`, by
 * a hash of the text) is handed to the capture buffer once its call is settled, with its dimensions;
 * nothing on the request path waits for it. baimo's own calls (`origin`: evaluation, the classifier
 * itself) are never captured.
 */
export function topicStage(deps: TopicStageDeps): GatewayStage {
  return {
    name: 'topics',
    open(call) {
      if (call.endpoint !== 'chat' || call.ctx.origin) return undefined;
      const s = deps.settings();
      if (!s.enabled || !(s.sampleRate > 0)) return undefined;
      const text = requestTopicText(call.request);
      if (!text || !inTopicSample(text, s.sampleRate)) return undefined;
      return new TopicEntry(deps, call, text);
    },
  };
}

class TopicEntry implements GatewayEntry {
  private provider: string | null = null;

  constructor(
    private readonly deps: TopicStageDeps,
    private readonly call: StageCall,
    private readonly text: string,
  ) {}

  answered(by: string): undefined {
    const slash = by.indexOf('/');
    this.provider = slash > 0 ? by.slice(0, slash) : null;
    return undefined;
  }

  settle(): void {
    const { ctx, model } = this.call;
    this.deps.capture({
      id: ctx.requestId,
      ts: ctx.startedAt,
      workspace: ctx.workspaceId,
      model,
      scenario: model.startsWith(APP_PREFIX) ? model.slice(APP_PREFIX.length) : null,
      app: ctx.appId,
      key: ctx.keyId,
      provider: this.provider,
      user: ctx.userId,
      segments: { ...ctx.segments },
      text: this.text,
    });
  }
}
