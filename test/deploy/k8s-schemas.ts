import { z } from 'zod';

/**
 * Zod schemas of the Kubernetes fields the baimo chart uses (strict: an unknown or misspelt field is an
 * error, as `kubectl apply --validate=strict` would say). Not the whole API: only what the chart needs.
 */

// RFC 1123 names and label syntax, as the API server checks them.
const dnsName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label');
const labelKey = z.string().regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, 'a label key');
const labelValue = z
  .string()
  .max(63)
  .regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/, 'a label value');
const labels = z.record(labelKey, labelValue);
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
const cpu = z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?m?$/, 'a CPU quantity (500m, 1)')]);
const memory = z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'a memory quantity (512Mi)')]);
const port = z.number().int().min(1).max(65535);
const portRef = z.union([port, dnsName.max(15)]);
const seconds = z.number().int().nonnegative();

const metadata = z
  .object({
    name: dnsName,
    namespace: dnsName.optional(),
    labels: labels.optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const probe = z
  .object({
    httpGet: z.object({ path: z.string().startsWith('/'), port: portRef, scheme: z.enum(['HTTP', 'HTTPS']).optional() }).strict(),
    initialDelaySeconds: seconds.optional(),
    periodSeconds: seconds.min(1).optional(),
    timeoutSeconds: seconds.min(1).optional(),
    failureThreshold: seconds.min(1).optional(),
    successThreshold: seconds.min(1).optional(),
  })
  .strict();

const keyRef = z.object({ name: dnsName, key: z.string().min(1), optional: z.boolean().optional() }).strict();
const envVar = z
  .object({
    name: envName,
    value: z.string().optional(),
    valueFrom: z
      .object({ secretKeyRef: keyRef.optional(), configMapKeyRef: keyRef.optional() })
      .strict()
      .refine((v) => Object.keys(v).length === 1, 'exactly one source')
      .optional(),
  })
  .strict()
  .refine((e) => (e.value === undefined) !== (e.valueFrom === undefined), 'value or valueFrom, not both');

const resources = z
  .object({
    requests: z.object({ cpu: cpu.optional(), memory: memory.optional() }).strict().optional(),
    limits: z.object({ cpu: cpu.optional(), memory: memory.optional() }).strict().optional(),
  })
  .strict();

const container = z
  .object({
    name: dnsName,
    image: z.string().regex(/^[\w.\-/]+(:[\w.-]+)?(@sha256:[a-f0-9]{64})?$/, 'an image reference'),
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
    command: z.array(z.string()).min(1).optional(),
    args: z.array(z.string()).optional(),
    ports: z
      .array(z.object({ name: dnsName.max(15).optional(), containerPort: port, protocol: z.enum(['TCP', 'UDP']).optional() }).strict())
      .optional(),
    env: z.array(envVar).optional(),
    livenessProbe: probe.optional(),
    readinessProbe: probe.optional(),
    startupProbe: probe.optional(),
    lifecycle: z
      .object({
        preStop: z
          .object({ exec: z.object({ command: z.array(z.string()).min(1) }).strict() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    resources: resources.optional(),
    securityContext: z
      .object({
        allowPrivilegeEscalation: z.boolean().optional(),
        readOnlyRootFilesystem: z.boolean().optional(),
        runAsNonRoot: z.boolean().optional(),
        capabilities: z
          .object({ drop: z.array(z.string()).optional(), add: z.array(z.string()).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    volumeMounts: z
      .array(z.object({ name: dnsName, mountPath: z.string().startsWith('/'), readOnly: z.boolean().optional() }).strict())
      .optional(),
  })
  .strict();

const volume = z
  .object({
    name: dnsName,
    configMap: z
      .object({ name: dnsName, items: z.array(z.object({ key: z.string(), path: z.string() }).strict()).optional() })
      .strict()
      .optional(),
    secret: z.object({ secretName: dnsName }).strict().optional(),
    emptyDir: z.object({ medium: z.string().optional(), sizeLimit: memory.optional() }).strict().optional(),
  })
  .strict()
  .refine((v) => [v.configMap, v.secret, v.emptyDir].filter(Boolean).length === 1, 'exactly one volume source');

const podSpec = z
  .object({
    automountServiceAccountToken: z.boolean().optional(),
    imagePullSecrets: z.array(z.object({ name: dnsName }).strict()).optional(),
    securityContext: z
      .object({
        runAsNonRoot: z.boolean().optional(),
        runAsUser: z.number().int().optional(),
        runAsGroup: z.number().int().optional(),
        fsGroup: z.number().int().optional(),
        seccompProfile: z
          .object({ type: z.enum(['RuntimeDefault', 'Localhost', 'Unconfined']) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    terminationGracePeriodSeconds: seconds.optional(),
    containers: z.array(container).min(1),
    volumes: z.array(volume).optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    tolerations: z.array(z.record(z.string(), z.unknown())).optional(),
    affinity: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const selector = z
  .object({ matchLabels: labels.refine((l) => Object.keys(l).length > 0, 'an empty selector selects everything') })
  .strict();

export const deploymentSchema = z
  .object({
    apiVersion: z.literal('apps/v1'),
    kind: z.literal('Deployment'),
    metadata,
    spec: z
      .object({
        replicas: z.number().int().nonnegative().optional(),
        selector,
        strategy: z
          .object({
            type: z.enum(['RollingUpdate', 'Recreate']),
            rollingUpdate: z
              .object({ maxUnavailable: z.union([z.number(), z.string()]), maxSurge: z.union([z.number(), z.string()]) })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
        template: z
          .object({
            metadata: z.object({ labels, annotations: z.record(z.string(), z.string()).optional() }).strict(),
            spec: podSpec,
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export const serviceSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Service'),
    metadata,
    spec: z
      .object({
        type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
        selector: labels,
        ports: z
          .array(z.object({ name: dnsName.optional(), port, targetPort: portRef, protocol: z.enum(['TCP', 'UDP']).optional() }).strict())
          .min(1),
      })
      .strict(),
  })
  .strict();

export const configMapSchema = z
  .object({ apiVersion: z.literal('v1'), kind: z.literal('ConfigMap'), metadata, data: z.record(z.string(), z.string()) })
  .strict();

export const secretSchema = z
  .object({
    apiVersion: z.literal('v1'),
    kind: z.literal('Secret'),
    metadata,
    type: z.literal('Opaque'),
    stringData: z.record(envName, z.string()).optional(),
    data: z.record(envName, z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')).optional(),
  })
  .strict();

export const hpaSchema = z
  .object({
    apiVersion: z.literal('autoscaling/v2'),
    kind: z.literal('HorizontalPodAutoscaler'),
    metadata,
    spec: z
      .object({
        scaleTargetRef: z.object({ apiVersion: z.string(), kind: z.string(), name: dnsName }).strict(),
        minReplicas: z.number().int().min(1),
        maxReplicas: z.number().int().min(1),
        metrics: z
          .array(
            z
              .object({
                type: z.literal('Resource'),
                resource: z
                  .object({
                    name: z.enum(['cpu', 'memory']),
                    target: z.object({ type: z.literal('Utilization'), averageUtilization: z.number().int().min(1).max(100) }).strict(),
                  })
                  .strict(),
              })
              .strict(),
          )
          .min(1),
      })
      .strict()
      .refine((s) => s.minReplicas <= s.maxReplicas, 'minReplicas > maxReplicas'),
  })
  .strict();

export const pdbSchema = z
  .object({
    apiVersion: z.literal('policy/v1'),
    kind: z.literal('PodDisruptionBudget'),
    metadata,
    spec: z
      .object({
        minAvailable: z.union([z.number().int(), z.string()]).optional(),
        maxUnavailable: z.union([z.number().int(), z.string()]).optional(),
        selector,
      })
      .strict()
      .refine((s) => (s.minAvailable === undefined) !== (s.maxUnavailable === undefined), 'minAvailable or maxUnavailable'),
  })
  .strict();

export const KIND_SCHEMAS = {
  Deployment: deploymentSchema,
  Service: serviceSchema,
  ConfigMap: configMapSchema,
  Secret: secretSchema,
  HorizontalPodAutoscaler: hpaSchema,
  PodDisruptionBudget: pdbSchema,
} as const;

export type Deployment = z.infer<typeof deploymentSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type ConfigMap = z.infer<typeof configMapSchema>;
export type Secret = z.infer<typeof secretSchema>;
export type Hpa = z.infer<typeof hpaSchema>;
export type Pdb = z.infer<typeof pdbSchema>;
export type Container = z.infer<typeof container>;
