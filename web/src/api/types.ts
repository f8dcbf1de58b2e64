/**
 * Short names for the generated types of schema.d.ts (`npm run gen:api`): the body a route answers,
 * the body it takes and its query, by operationId (`Res<'getApiModels'>`).
 */
import type { ApiEvents, ApiQueries, ApiRequestBodies, ApiResponses } from './schema';

export type { paths } from './schema';
export type Res<Op extends keyof ApiResponses> = ApiResponses[Op];
export type Body<Op extends keyof ApiRequestBodies> = ApiRequestBodies[Op];
export type Query<Op extends keyof ApiQueries> = ApiQueries[Op];
export type Events<Op extends keyof ApiEvents> = ApiEvents[Op];
/** One row of a list answer (`{ data: T[] }`). */
export type Item<Op extends keyof ApiResponses> = ApiResponses[Op] extends { data: Array<infer T> } ? T : never;
