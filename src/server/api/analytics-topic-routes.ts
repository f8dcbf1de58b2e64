import { z } from 'zod';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { TAXONOMY_LIMITS, taxonomyLabelSchema, TaxonomyError } from '../../analytics/taxonomy.js';
import type { CurrentTaxonomy } from '../../analytics/topic-taxonomy-source.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { isInstanceAdmin, requireInstanceAdmin, requireUser, requireWorkspace } from './principal.js';

const labelView = z.object({
  id: z.string(),
  zh: z.string(),
  en: z.string(),
  description: z.string(),
  examples: z.array(z.string()),
});

const taxonomyView = z.object({
  object: z.literal('analytics.taxonomy'),
  taxonomy: z.object({ labels: z.array(labelView) }),
  /** SHA-256 of the taxonomy: classifications are cached under it, so an edit classifies prompts afresh. */
  hash: z.string(),
  /** `default` (built in), `config` (baimo.yaml `analytics.topics.taxonomy`) or `custom` (edited here). */
  source: z.enum(['default', 'config', 'custom']),
});

const statusView = z.object({
  object: z.literal('analytics.topics.status'),
  workspace_id: z.string().nullable(),
  enabled: z.boolean(),
  sample_rate: z.number(),
  embedding_model: z.string().nullable(),
  zero_shot_model: z.string().nullable(),
  taxonomy_hash: z.string(),
  buffered: z.number().describe('Requests waiting in this process for their batch'),
  queued_jobs: z.number().describe('analytics.topics jobs waiting to run (counted up to 1,000)'),
  dropped: z.number().describe('Requests this process dropped since it started (buffer full or queue unavailable)'),
  enqueued: z.number().describe('Requests this process handed to the job queue since it started'),
  classified: z.number(),
  cache_hits: z.number().describe('Classified requests answered by the prompt-hash cache'),
  failed: z.number(),
  embedded_texts: z.number(),
  zero_shot_calls: z.number(),
  classifier_cost: z.number().describe('What classifying cost, CNY, logged apart from the traffic it describes'),
});

const view = (t: CurrentTaxonomy): z.input<typeof taxonomyView> => ({
  object: 'analytics.taxonomy',
  taxonomy: { labels: t.taxonomy.labels },
  hash: t.hash,
  source: t.source,
});

/**
 * Topic classification (issue 20): the taxonomy requests are classified against (read by any console
 * user, replaced by instance administrators) and the classifier's status. Users only: API keys get 403.
 */
export function registerAnalyticsTopicRoutes(c: ApiContext): void {
  const { rt } = c;

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/analytics/taxonomy',
    summary: 'The topic/task taxonomy requests are classified against (bilingual labels with example prompts)',
    tag: 'analytics',
    response: taxonomyView,
    handler: async ({ principal }) => {
      requireUser(principal);
      return view(await rt.analyticsTopics.taxonomy());
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/analytics/taxonomy',
    summary:
      'Replace the topic taxonomy (instance administrators): at most 100 labels, each with example prompts; prompts are classified afresh',
    tag: 'analytics',
    // A full taxonomy (100 labels of 20 examples of 500 characters) is larger than a settings form.
    upload: true,
    // The fields and their bounds; duplicates and labels without examples are refused by the handler, in both languages.
    body: z.strictObject({ labels: z.array(taxonomyLabelSchema).min(1).max(TAXONOMY_LIMITS.maxLabels) }),
    response: taxonomyView,
    handler: async ({ principal, body }) => {
      requireInstanceAdmin(principal);
      try {
        return view(await rt.analyticsTopics.replaceTaxonomy(body));
      } catch (err) {
        if (err instanceof TaxonomyError) throw badRequest(`${err.en} / ${err.zh}`, err.path, 'invalid_taxonomy');
        throw err;
      }
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/analytics/topics/status',
    summary: 'Topic classification status: settings, requests waiting and dropped, classified, cache hits and the classifier’s cost',
    tag: 'analytics',
    query: z.object({
      workspace_id: z
        .string()
        .max(LIMITS.id)
        .optional()
        .describe('Counts of this workspace; instance administrators may leave it out for the whole instance'),
    }),
    response: statusView,
    handler: async ({ principal, query }) => {
      requireUser(principal);
      const ws = query.workspace_id;
      if (ws) requireWorkspace(principal, ws, 'read');
      else if (!isInstanceAdmin(principal))
        throw badRequest('Name the workspace: workspace_id.', 'workspace_id', 'missing_required_parameter');
      return { object: 'analytics.topics.status' as const, workspace_id: ws ?? null, ...(await rt.analyticsTopics.status(ws)) };
    },
  });
}
