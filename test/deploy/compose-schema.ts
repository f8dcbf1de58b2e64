import { z } from 'zod';

/**
 * The subset of the Compose Specification that deploy/docker-compose.yml uses, strict (a misspelt key is
 * an error). Validated after `${VAR}` interpolation, as `docker compose config` does.
 */

export const durationSchema = z.string().regex(/^(\d+(\.\d+)?(us|ms|s|m|h))+$/, 'a duration (45s, 1m30s)');

/** Seconds of a Compose duration (`1m30s` → 90). */
export function durationSeconds(d: string): number {
  const unit: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

const healthcheckSchema = z.union([
  z.object({ disable: z.literal(true) }).strict(),
  z
    .object({
      test: z.union([
        z.tuple([z.enum(['CMD', 'CMD-SHELL'])], z.string()).refine((t) => t.length > 1, 'a command after CMD / CMD-SHELL'),
        z.string().min(1),
      ]),
      interval: durationSchema.optional(),
      timeout: durationSchema.optional(),
      retries: z.number().int().positive().optional(),
      start_period: durationSchema.optional(),
    })
    .strict(),
]);

const dependsOnSchema = z.union([
  z.array(z.string()),
  z.record(
    z.string(),
    z
      .object({
        condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
        restart: z.boolean().optional(),
        required: z.boolean().optional(),
      })
      .strict(),
  ),
]);

/** `source:target[:ro|rw]`; the source is a named volume or a path relative to the compose file. */
const volumeMountSchema = z.string().regex(/^[^:]+:\/[^:]*(:(ro|rw))?$/, 'source:/target[:ro]');

export const serviceSchema = z
  .object({
    image: z.string().min(1).optional(),
    build: z.union([z.string(), z.object({ context: z.string(), dockerfile: z.string().optional() }).strict()]).optional(),
    command: z.union([z.string(), z.array(z.string())]).optional(),
    environment: z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), z.array(z.string())]).optional(),
    env_file: z.union([z.string(), z.array(z.string())]).optional(),
    volumes: z.array(volumeMountSchema).optional(),
    ports: z.array(z.string().regex(/^((\d{1,3}\.){3}\d{1,3}:)?\d{1,5}:\d{1,5}(\/(tcp|udp))?$/, '[ip:]host:container')).optional(),
    depends_on: dependsOnSchema.optional(),
    healthcheck: healthcheckSchema.optional(),
    restart: z.enum(['no', 'always', 'on-failure', 'unless-stopped']).optional(),
    stop_grace_period: durationSchema.optional(),
    stop_signal: z
      .string()
      .regex(/^SIG[A-Z0-9]+$/)
      .optional(),
  })
  .strict()
  .refine((s) => s.image !== undefined || s.build !== undefined, 'a service needs image or build');

export const composeSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .optional(),
    services: z.record(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/), serviceSchema),
    volumes: z.record(z.string(), z.union([z.null(), z.object({ driver: z.string().optional() }).strict()])).optional(),
  })
  .strict();

export type Compose = z.infer<typeof composeSchema>;
export type ComposeService = z.infer<typeof serviceSchema>;
