import multipart from '@fastify/multipart';
import { z } from 'zod';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { datasetNameSchema } from '../../eval/dataset-name.js';
import { DATASET_SERVICE_LIMITS } from '../../eval/dataset-service.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { datasetImportSchema, datasetItemViewSchema, datasetVersionViewSchema, datasetViewSchema } from './eval-dataset-schemas.js';
import { DATASET_UPLOAD_PARSER_LIMITS, readDatasetUpload } from './eval-dataset-upload.js';
import { actorOf, pickWorkspace, requireMemberOrKey, workspaceQuery } from './kb-access.js';
import type { Principal } from './principal.js';

const idParams = z.object({ id: z.string().min(1).max(LIMITS.id).describe('The dataset id (ds_…) or name') });
const versionParams = idParams.extend({ version: z.coerce.number().int().min(1).max(1e9).describe('The version number') });

const datasetNotFound = () => gatewayError('dataset_not_found', 'No dataset with that id or name in this workspace.', { param: 'id' });

/** A time in a sample's filter: ISO 8601 with an offset, or epoch milliseconds. */
const timeSchema = z
  .union([z.iso.datetime({ offset: true }), z.number().int().min(0).max(8.64e15)])
  .transform((t) => (typeof t === 'number' ? t : Date.parse(t)));

/** `POST /api/eval/datasets/sample`: which logged requests, how many, and the dataset they become. */
const sampleBody = z
  .object({
    name: datasetNameSchema.describe('The dataset (created, or a new version of it)'),
    type: z.enum(['qa', 'judge']).describe('qa: the logged answer is the reference; judge: scored by a judge model (rubric optional)'),
    model: z.string().min(1).max(LIMITS.modelName).optional().describe('Only requests for this model (as the client named it)'),
    app: z.string().min(1).max(LIMITS.name).optional().describe('Only runs of this scenario app (its slug)'),
    from: timeSchema.optional().describe('From this time (ISO 8601 or epoch ms), inclusive'),
    to: timeSchema.optional().describe('Until this time (ISO 8601 or epoch ms), exclusive'),
    limit: z.number().int().min(1).max(DATASET_SERVICE_LIMITS.sampleItems).default(100),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe('The same seed over the same logs draws the same sample; random (and recorded) when absent'),
    rubric: z.string().trim().min(1).max(DATASET_SERVICE_LIMITS.rubricChars).optional().describe('judge: the rubric of every item'),
    description: z.string().max(DATASET_SERVICE_LIMITS.description).optional(),
    note: z.string().max(DATASET_SERVICE_LIMITS.note).optional(),
    workspace_id: z.string().min(1).max(LIMITS.id).optional(),
  })
  .strict()
  .refine((b) => b.type === 'judge' || b.rubric === undefined, { message: 'rubric applies to judge samples', path: ['rubric'] });

const patchBody = z
  .object({
    name: datasetNameSchema.optional(),
    description: z.string().max(DATASET_SERVICE_LIMITS.description).optional(),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.description !== undefined, 'give name or description');

const itemsQuery = workspaceQuery.extend({
  after: z.coerce.number().int().min(-1).max(1e9).optional().describe('Items after this seq (the last of the previous page)'),
  limit: z.coerce.number().int().min(1).max(DATASET_SERVICE_LIMITS.itemsPage).default(100),
});

/**
 * Members (and the workspace's API keys) read datasets; members with write access change them. A
 * caller outside the workspace learns nothing: not found.
 */
function requireDatasetAccess(p: Principal, workspaceId: string, need: 'read' | 'write'): void {
  requireMemberOrKey(p, workspaceId, need, {
    notFound: datasetNotFound,
    keyMayNot: 'API keys may read their workspace’s evaluation datasets; changing them needs a console user.',
    what: 'dataset',
  });
}

/**
 * Evaluation datasets (issue 19): upload CSV / JSONL files as a dataset or a new version of one
 * (multipart), sample one from the request logs, list and read datasets, their versions and items,
 * rename, delete. The multipart parser is registered for the upload route only.
 */
export function registerEvalDatasetRoutes(c: ApiContext): void {
  const datasets = () => c.rt.evalDatasets;

  /** The workspace a dataset call is about: `workspace_id`, else the dataset's own (an id), else the caller's. */
  const scope = async (p: Principal, given: string | undefined, idOrName: string, need: 'read' | 'write'): Promise<string> => {
    let workspaceId = given;
    if (!workspaceId && idOrName.startsWith('ds_')) workspaceId = (await c.rt.evalDatasetStore.getDataset(idOrName))?.workspace_id;
    workspaceId ??= pickWorkspace(p, undefined);
    requireDatasetAccess(p, workspaceId, need);
    return workspaceId;
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/datasets',
    summary: 'List the evaluation datasets of a workspace, by name',
    tag: 'eval',
    query: workspaceQuery,
    response: z.object({ object: z.literal('list'), data: z.array(datasetViewSchema) }),
    handler: async ({ principal, query }) => {
      const workspaceId = pickWorkspace(principal, query.workspace_id);
      requireDatasetAccess(principal, workspaceId, 'read');
      return { object: 'list' as const, data: await datasets().list(workspaceId) };
    },
  });

  void c.app.register(async (upload) => {
    await upload.register(multipart, DATASET_UPLOAD_PARSER_LIMITS);
    apiRoute(upload, c.routes, {
      method: 'POST',
      url: '/api/eval/datasets',
      summary:
        'Upload an evaluation dataset (member role), or a new version of the one of that name: multipart/form-data with `files` parts ' +
        '(C-Eval / CMMLU CSVs, `{subject}_{split}.csv` names decide subject and split; or one QA, judge or safety JSONL / CSV) and the fields ' +
        '`name`, `type` (mcq|qa|judge|safety; detected when absent), `format` (ceval|cmmlu|qa|judge|safety), `split` (of CSVs not named after one), ' +
        '`description`, `note`. The same items as the newest version add none (`created`: false). A bad file is a 400 `invalid_dataset` naming the file and line',
      tag: 'eval',
      status: 201,
      query: workspaceQuery,
      response: datasetImportSchema,
      handler: async ({ principal, query, request }) => {
        const workspaceId = pickWorkspace(principal, query.workspace_id);
        requireDatasetAccess(principal, workspaceId, 'write');
        if (!request.isMultipart())
          throw badRequest(
            'Send the files as multipart/form-data (`files` parts and a `name` field). / 请以 multipart/form-data 上传文件。',
            'files',
            'invalid_body',
          );
        const { fields, files } = await readDatasetUpload(request);
        const { name, ...opts } = fields;
        return datasets().importUpload(workspaceId, name, files, { ...opts, createdBy: actorOf(principal) });
      },
    });
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/eval/datasets/sample',
    summary:
      'Sample a QA or judge dataset from the request logs (member role): requests that stored their bodies (logging.store_bodies), ' +
      "each item's input the last user message and its reference the logged answer; a seeded random sample, the filter and seed kept in the version's meta. " +
      'Nothing qualifies: 400 `no_logged_bodies`',
    tag: 'eval',
    status: 201,
    query: workspaceQuery,
    body: sampleBody,
    response: datasetImportSchema,
    handler: async ({ principal, query, body }) => {
      const { workspace_id, name, type, rubric, description, note, app, ...filter } = body;
      if (workspace_id && query.workspace_id && workspace_id !== query.workspace_id)
        throw badRequest('workspace_id in the body and in the query differ.', 'workspace_id', 'invalid_value');
      const workspaceId = pickWorkspace(principal, workspace_id ?? query.workspace_id);
      requireDatasetAccess(principal, workspaceId, 'write');
      if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to)
        throw badRequest('from must be before to.', 'from', 'invalid_value');
      return datasets().sampleFromLogs(
        workspaceId,
        name,
        { ...filter, app },
        { type, rubric, description, note, createdBy: actorOf(principal) },
      );
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/datasets/:id',
    summary: 'One evaluation dataset, by id or name',
    tag: 'eval',
    params: idParams,
    query: workspaceQuery,
    response: datasetViewSchema,
    handler: async ({ principal, params, query }) =>
      datasets().get(await scope(principal, query.workspace_id, params.id, 'read'), params.id),
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/datasets/:id/versions',
    summary:
      "An evaluation dataset's versions, newest first (source, format, item count, content hash, files, warnings, a sample's filter)",
    tag: 'eval',
    params: idParams,
    query: workspaceQuery,
    response: z.object({ object: z.literal('list'), data: z.array(datasetVersionViewSchema) }),
    handler: async ({ principal, params, query }) => ({
      object: 'list' as const,
      data: await datasets().versions(await scope(principal, query.workspace_id, params.id, 'read'), params.id),
    }),
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/eval/datasets/:id/versions/:version/items',
    summary: "A page of a dataset version's items in order (keyset: `after` is the last seq seen)",
    tag: 'eval',
    params: versionParams,
    query: itemsQuery,
    response: z.object({ object: z.literal('list'), data: z.array(datasetItemViewSchema), has_more: z.boolean() }),
    handler: async ({ principal, params, query }) => {
      const workspaceId = await scope(principal, query.workspace_id, params.id, 'read');
      const page = await datasets().items(workspaceId, params.id, params.version, { after: query.after, limit: query.limit });
      return {
        object: 'list' as const,
        data: page.items as unknown as Array<z.input<typeof datasetItemViewSchema>>,
        has_more: page.has_more,
      };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/eval/datasets/:id',
    summary: 'Rename or redescribe an evaluation dataset (member role); a taken name is a 409 `dataset_name_taken`',
    tag: 'eval',
    params: idParams,
    query: workspaceQuery,
    body: patchBody,
    response: datasetViewSchema,
    handler: async ({ principal, params, query, body }) =>
      datasets().update(await scope(principal, query.workspace_id, params.id, 'write'), params.id, body),
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/eval/datasets/:id',
    summary: 'Delete an evaluation dataset with its versions and items (member role); while runs use it, a 409 `dataset_in_use`',
    tag: 'eval',
    params: idParams,
    query: workspaceQuery,
    response: z.object({ id: z.string(), object: z.literal('eval_dataset'), deleted: z.literal(true) }),
    handler: async ({ principal, params, query }) => {
      const id = await datasets().delete(await scope(principal, query.workspace_id, params.id, 'write'), params.id);
      return { id, object: 'eval_dataset' as const, deleted: true as const };
    },
  });
}
