import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppService } from '../../apps/app-service.js';
import type { AppRunner, RunPart } from '../../apps/app-runner.js';
import type { ResolvedApp } from '../../apps/app-types.js';
import { gatewayError } from '../../core/error-codes.js';
import { modelNotAllowed } from '../../core/errors.js';
import type { RequestContext } from '../../gateway/request-context.js';
import { DEFAULT_WORKSPACE_ID } from '../../store/tenancy-repository.js';
import { requestContext } from '../request-context.js';
import { hasSegments, mergeSegments } from '../../analytics/segments.js';
import type { ChunkRenderer } from './render-chat.js';

/** What the `/v1` routes need to run scenario apps. */
export interface AppsAtEdge {
  apps: Pick<AppService, 'resolve' | 'get'>;
  runner: AppRunner;
}

/**
 * A scenario app as the caller may run it: resolved in the caller's workspace (the key's; the admin
 * token's is the default workspace), `version` pinned when given (a draft only for the admin token),
 * and the request's context with `appId` set to the scenario app, so its own security policies apply
 * and its log rows carry it (a built-in keeps the key's app). A key allowed only some models must be
 * allowed `app:{slug}`; a key scoped to a scenario app may run that app only (403 `app_forbidden`).
 */
export async function appCall(
  edge: AppsAtEdge,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  opts: { version?: number; user?: string; contentId?: string; conversation?: string },
): Promise<{ app: ResolvedApp; ctx: RequestContext }> {
  const key = request.key ?? null;
  const model = `app:${slug}`;
  if (key?.models && !key.models.matches(model)) throw modelNotAllowed(model);
  const app = await edge.apps.resolve(key?.workspaceId ?? DEFAULT_WORKSPACE_ID, slug, {
    version: opts.version,
    drafts: key === null && request.keyId === 'admin',
  });
  if (key?.appId && app.app?.id !== key.appId) {
    const own = await edge.apps.get(key.appId);
    if (own)
      throw gatewayError(
        'app_forbidden',
        `This API key belongs to the app "${own.slug}" and may not run "${slug}". / 此 API 密钥属于应用“${own.slug}”，不能运行“${slug}”。`,
        { param: 'slug' },
      );
  }
  const ctx = requestContext(request, reply, { user: opts.user, contentId: opts.contentId, conversation: opts.conversation });
  return { app, ctx: app.app ? { ...ctx, appId: app.app.id, segments: appSegments(ctx.segments, app.app.segments) } : ctx };
}

/** A run's part as SSE text: progress as a chunk of its own, the answer's parts as chat chunks. */
export function renderRunPart(renderer: ChunkRenderer, part: RunPart): string {
  return part.type === 'progress' ? renderer.note({ progress: JSON.stringify(part.progress) }) : renderer.render(part);
}

/** The key's segment attributes with the scenario app's over them; null when neither has any. */
export function appSegments(
  key: Readonly<Record<string, string>> | null | undefined,
  app: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> | null {
  const merged = mergeSegments(key, app);
  return hasSegments(merged) ? merged : null;
}
