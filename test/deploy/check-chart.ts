import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { z } from 'zod';
import { loadConfig } from '../../src/config/load-config.js';
import type { BaimoConfig } from '../../src/config/schema.js';
import {
  KIND_SCHEMAS,
  type ConfigMap,
  type Container,
  type Deployment,
  type Hpa,
  type Pdb,
  type Secret,
  type Service,
} from './k8s-schemas.js';

export interface ChartCheckOptions {
  /** The Secret named by secrets.existingSecret, which lives outside the chart, and the keys it holds. */
  existingSecret?: { name: string; data: Record<string, string> };
}

export interface ChartCheck {
  problems: string[];
  /** baimo.yaml of the ConfigMap, as baimo's own loader reads it (when it loads). */
  config?: BaimoConfig;
  gateway?: Deployment;
  worker?: Deployment;
}

type Objects = {
  Deployment: Deployment[];
  Service: Service[];
  ConfigMap: ConfigMap[];
  Secret: Secret[];
  HorizontalPodAutoscaler: Hpa[];
  PodDisruptionBudget: Pdb[];
};

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Validates each rendered document by kind, then checks that the objects fit together. */
export function checkChart(documents: { source: string; doc: Record<string, unknown> }[], opts: ChartCheckOptions = {}): ChartCheck {
  const problems: string[] = [];
  const objects: Objects = { Deployment: [], Service: [], ConfigMap: [], Secret: [], HorizontalPodAutoscaler: [], PodDisruptionBudget: [] };
  const seen = new Set<string>();
  for (const { source, doc } of documents) {
    const kind = String(doc.kind) as keyof Objects;
    const schema = Object.hasOwn(KIND_SCHEMAS, kind) ? (KIND_SCHEMAS[kind] as z.ZodType) : undefined;
    if (!schema) {
      problems.push(`${source}: kind ${kind} is not one the chart is checked for`);
      continue;
    }
    const parsed = schema.safeParse(doc);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push(`${source}: ${kind} ${i.path.join('.')}: ${i.message}`);
      continue;
    }
    const obj = parsed.data as Objects[typeof kind][number];
    const id = `${kind}/${obj.metadata.name}`;
    if (seen.has(id)) problems.push(`${source}: ${id} is rendered twice`);
    seen.add(id);
    (objects[kind] as unknown[]).push(obj);
  }

  const deployments = objects.Deployment;
  for (const d of deployments) {
    const pods = d.spec.template.metadata.labels;
    if (!matches(d.spec.selector.matchLabels, pods)) problems.push(`Deployment/${d.metadata.name}: selector does not match its pod labels`);
    for (const other of deployments)
      if (other !== d && matches(d.spec.selector.matchLabels, other.spec.template.metadata.labels))
        problems.push(`Deployment/${d.metadata.name}: selector also selects the pods of Deployment/${other.metadata.name}`);
    checkReferences(d, objects, opts, problems);
  }

  const args = (d: Deployment) => d.spec.template.spec.containers[0].args ?? [];
  const gateways = deployments.filter((d) => args(d)[0] === 'serve');
  const workers = deployments.filter((d) => args(d)[0] === 'worker');
  if (gateways.length !== 1 || workers.length !== 1)
    problems.push(
      `expected one gateway Deployment (serve) and one worker Deployment (worker), got ${gateways.length} and ${workers.length}`,
    );
  const [gateway] = gateways;
  const [worker] = workers;
  if (gateway && !args(gateway).includes('--no-workers')) problems.push(`Deployment/${gateway.metadata.name}: serve without --no-workers`);
  if (worker && args(worker).includes('serve')) problems.push(`Deployment/${worker.metadata.name}: a worker that also serves`);
  if (new Set(deployments.flatMap((d) => d.spec.template.spec.containers.map((c) => c.image))).size > 1)
    problems.push('gateways and workers run different images');

  const config = gateway ? loadMountedConfig(gateway, objects, opts, problems) : undefined;
  if (gateway && config) checkGateway(gateway, config, problems);
  if (worker && config) {
    const grace = worker.spec.template.spec.terminationGracePeriodSeconds ?? 30;
    if (grace <= config.shutdown_timeout_s)
      problems.push(
        `Deployment/${worker.metadata.name}: terminationGracePeriodSeconds ${grace} <= shutdown_timeout_s ${config.shutdown_timeout_s}`,
      );
  }
  if (gateway) checkTraffic(gateway, worker, objects, problems);
  return { problems, config, gateway, worker };
}

/** Every Secret, ConfigMap and volume a pod refers to is rendered (or is the existing Secret). */
function checkReferences(d: Deployment, objects: Objects, opts: ChartCheckOptions, problems: string[]): void {
  const where = `Deployment/${d.metadata.name}`;
  const secretKeys = (name: string): string[] | undefined => {
    if (opts.existingSecret?.name === name) return Object.keys(opts.existingSecret.data);
    const s = objects.Secret.find((x) => x.metadata.name === name);
    return s && [...Object.keys(s.stringData ?? {}), ...Object.keys(s.data ?? {})];
  };
  const configMapKeys = (name: string) => {
    const c = objects.ConfigMap.find((x) => x.metadata.name === name);
    return c && Object.keys(c.data);
  };
  const spec = d.spec.template.spec;
  for (const c of spec.containers)
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (!ref) continue;
      const kind = e.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
      const keys = kind === 'Secret' ? secretKeys(ref.name) : configMapKeys(ref.name);
      if (!keys) problems.push(`${where}: env ${e.name} refers to ${kind}/${ref.name}, which is not rendered`);
      else if (!keys.includes(ref.key) && !ref.optional)
        problems.push(`${where}: env ${e.name} refers to key ${ref.key} missing from ${kind}/${ref.name}`);
    }
  for (const v of spec.volumes ?? []) {
    if (v.configMap) {
      const keys = configMapKeys(v.configMap.name);
      if (!keys) problems.push(`${where}: volume ${v.name} mounts ConfigMap/${v.configMap.name}, which is not rendered`);
      for (const item of v.configMap.items ?? [])
        if (keys && !keys.includes(item.key))
          problems.push(`${where}: volume ${v.name} wants key ${item.key} of ConfigMap/${v.configMap.name}`);
    }
    if (v.secret && !secretKeys(v.secret.secretName)) problems.push(`${where}: volume ${v.name} mounts a Secret that is not rendered`);
  }
  const names = new Set((spec.volumes ?? []).map((v) => v.name));
  for (const c of spec.containers)
    for (const m of c.volumeMounts ?? []) if (!names.has(m.name)) problems.push(`${where}: mounts volume ${m.name}, which is not declared`);
}

/** The file that `--config` names, found through the volume mounts, loaded with baimo's loader. */
function loadMountedConfig(d: Deployment, objects: Objects, opts: ChartCheckOptions, problems: string[]): BaimoConfig | undefined {
  const where = `Deployment/${d.metadata.name}`;
  const c = d.spec.template.spec.containers[0];
  const args = c.args ?? [];
  const path = args[args.indexOf('--config') + 1];
  if (!args.includes('--config') || !path) return void problems.push(`${where}: no --config path`);
  const mount = (c.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath}/`));
  const volume = d.spec.template.spec.volumes?.find((v) => v.name === mount?.name);
  const rel = mount && posix.relative(mount.mountPath, path);
  const key = volume?.configMap && (volume.configMap.items ? volume.configMap.items.find((i) => i.path === rel)?.key : rel);
  const text = key && objects.ConfigMap.find((m) => m.metadata.name === volume?.configMap?.name)?.data[key];
  if (!text) return void problems.push(`${where}: --config ${path} is not a mounted ConfigMap key`);
  if (mount && !mount.readOnly) problems.push(`${where}: the config volume is not mounted read-only`);

  // The pod's environment: what the env entries take from the rendered or existing Secret.
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    const secret = objects.Secret.find((s) => s.metadata.name === ref?.name);
    const value =
      e.value ??
      (ref && opts.existingSecret?.name === ref.name ? opts.existingSecret.data[ref.key] : undefined) ??
      (ref && secret ? (secret.stringData?.[ref.key] ?? decode(secret.data?.[ref.key])) : undefined);
    if (value !== undefined) env[e.name] = value;
  }
  const dir = mkdtempSync(join(tmpdir(), 'baimo-chart-'));
  try {
    writeFileSync(join(dir, 'baimo.yaml'), text);
    const { config } = loadConfig({ configPath: join(dir, 'baimo.yaml'), env, cwd: dir });
    if (!/^postgres(ql)?:\/\//.test(config.database)) problems.push(`baimo.yaml: database is ${config.database}, not a postgres:// URL`);
    if (!config.redis_url) problems.push('baimo.yaml: no redis_url');
    return config;
  } catch (err) {
    problems.push(`baimo.yaml of the ConfigMap does not load: ${(err as Error).message}`);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const decode = (b64: string | undefined) => (b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8'));

/** The port number a probe or Service names (a number, or a container port's name). */
export function resolvePort(c: Container, ref: number | string): number | undefined {
  return typeof ref === 'number' ? ref : c.ports?.find((p) => p.name === ref)?.containerPort;
}

function checkGateway(d: Deployment, config: BaimoConfig, problems: string[]): void {
  const where = `Deployment/${d.metadata.name}`;
  const c = d.spec.template.spec.containers[0];
  if (!c.ports?.some((p) => p.containerPort === config.port)) problems.push(`${where}: no container port ${config.port} (baimo.yaml port)`);
  if (config.host === '127.0.0.1' || config.host === 'localhost' || config.host === '::1')
    problems.push(`baimo.yaml: host ${config.host} is unreachable from the kubelet and the Service`);
  const probes = [
    ['livenessProbe', c.livenessProbe, '/healthz'],
    ['readinessProbe', c.readinessProbe, '/readyz'],
  ] as const;
  for (const [name, probe, path] of probes) {
    if (!probe) problems.push(`${where}: no ${name}`);
    else if (probe.httpGet.path !== path) problems.push(`${where}: ${name} asks ${probe.httpGet.path}, not ${path}`);
    else if (resolvePort(c, probe.httpGet.port) !== config.port) problems.push(`${where}: ${name} port is not baimo's port ${config.port}`);
  }
  if (c.startupProbe && resolvePort(c, c.startupProbe.httpGet.port) !== config.port)
    problems.push(`${where}: startupProbe on another port`);
  const stop = c.lifecycle?.preStop?.exec.command;
  const sleep = stop?.[0] === 'sleep' ? Number(stop[1]) : 0;
  const grace = d.spec.template.spec.terminationGracePeriodSeconds ?? 30;
  if (grace <= config.shutdown_timeout_s + sleep)
    problems.push(
      `${where}: terminationGracePeriodSeconds ${grace} <= shutdown_timeout_s ${config.shutdown_timeout_s} + preStop ${sleep}s`,
    );
}

/** Service, HPA and PDB all point at the gateway pods, and only at them. */
function checkTraffic(gateway: Deployment, worker: Deployment | undefined, objects: Objects, problems: string[]): void {
  const pods = gateway.spec.template.metadata.labels;
  const c = gateway.spec.template.spec.containers[0];
  if (objects.Service.length !== 1) problems.push(`expected one Service, got ${objects.Service.length}`);
  for (const s of objects.Service) {
    if (!matches(s.spec.selector, pods)) problems.push(`Service/${s.metadata.name}: selector does not match the gateway pods`);
    if (worker && matches(s.spec.selector, worker.spec.template.metadata.labels))
      problems.push(`Service/${s.metadata.name}: selector also sends traffic to the workers`);
    for (const p of s.spec.ports)
      if (resolvePort(c, p.targetPort) === undefined || !c.ports?.some((cp) => cp.containerPort === resolvePort(c, p.targetPort)))
        problems.push(`Service/${s.metadata.name}: targetPort ${p.targetPort} is not a gateway container port`);
  }
  let minReplicas = gateway.spec.replicas ?? 1;
  for (const h of objects.HorizontalPodAutoscaler) {
    const t = h.spec.scaleTargetRef;
    if (t.apiVersion !== 'apps/v1' || t.kind !== 'Deployment' || t.name !== gateway.metadata.name)
      problems.push(`HorizontalPodAutoscaler/${h.metadata.name}: targets ${t.kind}/${t.name}, not the gateway Deployment`);
    if (gateway.spec.replicas !== undefined)
      problems.push(`Deployment/${gateway.metadata.name}: sets replicas while an HPA scales it (each upgrade would reset the count)`);
    if (
      h.spec.metrics.some((m) => m.resource.name === 'cpu') &&
      !gateway.spec.template.spec.containers.every((x) => x.resources?.requests?.cpu)
    )
      problems.push(`HorizontalPodAutoscaler/${h.metadata.name}: CPU utilisation needs CPU requests on the gateway containers`);
    minReplicas = h.spec.minReplicas;
  }
  for (const p of objects.PodDisruptionBudget) {
    if (!matches(p.spec.selector.matchLabels, pods))
      problems.push(`PodDisruptionBudget/${p.metadata.name}: selector does not match the gateway pods`);
    if (typeof p.spec.minAvailable === 'number' && p.spec.minAvailable >= minReplicas)
      problems.push(
        `PodDisruptionBudget/${p.metadata.name}: minAvailable ${p.spec.minAvailable} >= ${minReplicas} replicas blocks every drain`,
      );
  }
}
