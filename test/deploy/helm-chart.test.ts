import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkChart } from './check-chart.js';
import type { Deployment } from './k8s-schemas.js';
import { renderChart, TemplateError, type RenderedChart } from './render-helm.js';

// deploy/helm/baimo rendered without helm (none here): by test/deploy/render-helm.ts, which throws on any
// template construct it does not know. Every document is validated by kind and the objects are
// cross-checked (check-chart.ts). No Kubernetes cluster is involved.
const CHART = fileURLToPath(new URL('../../deploy/helm/baimo', import.meta.url));
const SECRETS = {
  secrets: {
    masterKey: 'a'.repeat(64),
    databaseUrl: 'postgres://baimo:pw@pg.example.internal:5432/baimo',
    redisUrl: 'redis://:pw@redis.example.internal:6379/0',
  },
};
const EXISTING = {
  name: 'baimo-secrets',
  data: {
    BAIMO_MASTER_KEY: 'b'.repeat(64),
    BAIMO_DATABASE_URL: 'postgresql://u:p@db:5432/baimo',
    BAIMO_REDIS_URL: 'redis://redis:6379',
    DEEPSEEK_KEY: 'sk-test',
  },
};
const OVERRIDE = {
  secrets: { existingSecret: EXISTING.name },
  gateway: { autoscaling: { enabled: false }, replicas: 3 },
  worker: { queues: 'maintenance,knowledge' },
  fullnameOverride: 'llm-gateway',
  extraEnv: [{ name: 'DEEPSEEK_API_KEY', valueFrom: { secretKeyRef: { name: EXISTING.name, key: 'DEEPSEEK_KEY' } } }],
  podAnnotations: { 'prometheus.io/scrape': 'true' },
};

const kinds = (r: RenderedChart) => r.documents.map((d) => String(d.doc.kind)).sort();
type Docs = RenderedChart['documents'];
/** The first rendered object of a kind whose name ends with `suffix` (loosely typed, to be mutated). */
const pick = (docs: Docs, kind: string, suffix = ''): any =>
  docs.find((d) => d.doc.kind === kind && String((d.doc.metadata as { name: string }).name).endsWith(suffix))?.doc;
const find = (r: RenderedChart, kind: string, suffix = '') => pick(r.documents, kind, suffix);

describe('the Helm chart deploy/helm/baimo', () => {
  it('refuses to render without the secrets, naming the value to set', () => {
    expect(() => renderChart(CHART)).toThrow(TemplateError);
    expect(() => renderChart(CHART)).toThrow(/secrets\.masterKey is required .*or set secrets\.existingSecret/);
  });

  it('renders with the defaults plus secrets: every object valid, and all of them fitting together', () => {
    const r = renderChart(CHART, { values: SECRETS });
    expect(kinds(r)).toEqual([
      'ConfigMap',
      'Deployment',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Secret',
      'Service',
    ]);
    const check = checkChart(r.documents);
    expect(check.problems).toEqual([]);
    // The ConfigMap's baimo.yaml, loaded by baimo's own loader with the Secret's values.
    expect(check.config?.database).toBe(SECRETS.secrets.databaseUrl);
    expect(check.config?.redis_url).toBe(SECRETS.secrets.redisUrl);
    expect(check.gateway?.spec.template.spec.containers[0].args).toContain('--no-workers');
    expect(check.worker?.spec.template.spec.containers[0].args?.[0]).toBe('worker');
    expect(check.gateway?.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(check.config!.shutdown_timeout_s);
    expect(find(r, 'HorizontalPodAutoscaler').spec.scaleTargetRef.name).toBe(check.gateway?.metadata.name);
    expect(check.gateway?.spec.replicas).toBeUndefined(); // the HPA owns the count
    expect(find(r, 'Secret').stringData).not.toHaveProperty('BAIMO_ADMIN_TOKEN'); // optional, and not set
  });

  it('renders an override (existing Secret, no HPA, queues, extra env): valid, with no Secret or HPA of its own', () => {
    const r = renderChart(CHART, { values: OVERRIDE, releaseName: 'prod' });
    expect(kinds(r)).toEqual(['ConfigMap', 'Deployment', 'Deployment', 'PodDisruptionBudget', 'Service']);
    const check = checkChart(r.documents, { existingSecret: EXISTING });
    expect(check.problems).toEqual([]);
    expect(check.config?.database).toBe(EXISTING.data.BAIMO_DATABASE_URL);
    expect(check.gateway?.metadata.name).toBe('llm-gateway-gateway');
    expect(check.gateway?.spec.replicas).toBe(3);
    expect(check.worker?.spec.template.spec.containers[0].args).toEqual([
      'worker',
      '--config',
      '/etc/baimo/baimo.yaml',
      '--queues',
      'maintenance,knowledge',
    ]);
    expect(check.gateway?.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true' });
    // Without the existing Secret the references dangle: the check says so.
    expect(checkChart(r.documents).problems).toContainEqual(
      expect.stringMatching(/refers to Secret\/baimo-secrets, which is not rendered/),
    );
  });

  it('ties the container port, probes and Service to baimo.yaml port, and rolls pods when the config changes', () => {
    const a = renderChart(CHART, { values: SECRETS });
    const b = renderChart(CHART, { values: { ...SECRETS, config: { port: 5000 } } });
    expect(checkChart(b.documents).problems).toEqual([]);
    expect(find(b, 'Deployment', '-gateway').spec.template.spec.containers[0].ports[0].containerPort).toBe(5000);
    const sum = (r: RenderedChart) => find(r, 'Deployment', '-gateway').spec.template.metadata.annotations['checksum/config'];
    expect(sum(a)).not.toBe(sum(b));
  });

  it('rejects values that break the drain: a grace period not longer than shutdown_timeout_s plus the preStop sleep', () => {
    const r = renderChart(CHART, { values: { ...SECRETS, gateway: { terminationGracePeriodSeconds: 35 } } });
    expect(checkChart(r.documents).problems).toEqual([
      expect.stringMatching(/terminationGracePeriodSeconds 35 <= shutdown_timeout_s 30 \+ preStop 5s/),
    ]);
  });

  it('keeps Chart.yaml appVersion (the default image tag) at the package version', () => {
    const chart = parseYaml(readFileSync(`${CHART}/Chart.yaml`, 'utf8')) as { appVersion: string };
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(chart.appVersion).toBe(pkg.version);
  });

  // Each check can fail: one mutation of the rendered documents, one problem named.
  const gatewayOf = (docs: Docs) => pick(docs, 'Deployment', '-gateway') as Deployment;
  const editConfig = (docs: Docs, from: string, to: string) => {
    const data = pick(docs, 'ConfigMap').data as Record<string, string>;
    if (!data['baimo.yaml'].includes(from)) throw new Error(`the ConfigMap has no "${from}" to change`);
    data['baimo.yaml'] = data['baimo.yaml'].replace(from, to);
  };
  const container = (docs: Docs) => gatewayOf(docs).spec.template.spec.containers[0];
  const mutations: [string, (docs: Docs) => void, RegExp][] = [
    [
      'a Service selecting the workers',
      (docs) => (pick(docs, 'Service').spec.selector['app.kubernetes.io/component'] = 'worker'),
      /Service\/.*selector does not match the gateway pods/,
    ],
    [
      'a Deployment selector that misses its pods',
      (docs) => (gatewayOf(docs).spec.selector.matchLabels['app.kubernetes.io/instance'] = 'other'),
      /selector does not match its pod labels/,
    ],
    [
      'a selector that also takes the workers',
      (docs) => delete gatewayOf(docs).spec.selector.matchLabels['app.kubernetes.io/component'],
      /selector also selects the pods of Deployment\/baimo-baimo-worker/,
    ],
    [
      'readiness on /healthz',
      (docs) => (container(docs).readinessProbe!.httpGet.path = '/healthz'),
      /readinessProbe asks \/healthz, not \/readyz/,
    ],
    [
      'liveness on another port',
      (docs) => (container(docs).livenessProbe!.httpGet.port = 9090),
      /livenessProbe port is not baimo's port 4000/,
    ],
    [
      'a Secret that is not rendered',
      (docs) => (container(docs).env![0].valueFrom!.secretKeyRef!.name = 'nope'),
      /env BAIMO_MASTER_KEY refers to Secret\/nope, which is not rendered/,
    ],
    [
      'a key missing from the Secret',
      (docs) => delete pick(docs, 'Secret').stringData.BAIMO_REDIS_URL,
      /key BAIMO_REDIS_URL missing from Secret/,
    ],
    [
      'an HPA aimed at the workers',
      (docs) => (pick(docs, 'HorizontalPodAutoscaler').spec.scaleTargetRef.name = 'baimo-baimo-worker'),
      /targets Deployment\/baimo-baimo-worker, not the gateway/,
    ],
    [
      'a gateway without --no-workers',
      (docs) => (container(docs).args = ['serve', '--config', '/etc/baimo/baimo.yaml']),
      /serve without --no-workers/,
    ],
    [
      'a short grace period',
      (docs) => (gatewayOf(docs).spec.template.spec.terminationGracePeriodSeconds = 30),
      /terminationGracePeriodSeconds 30 <= shutdown_timeout_s/,
    ],
    [
      'an SQLite database in the ConfigMap',
      (docs) => editConfig(docs, 'database: ${BAIMO_DATABASE_URL}', 'database: ./data/baimo.db'),
      /database is .*baimo\.db, not a postgres:\/\/ URL/,
    ],
    ['a loopback host', (docs) => editConfig(docs, 'host: 0.0.0.0', 'host: 127.0.0.1'), /host 127\.0\.0\.1 is unreachable/],
    [
      'a config that does not load',
      (docs) => editConfig(docs, 'port: 4000', 'port: four'),
      /baimo\.yaml of the ConfigMap does not load: [\s\S]*port: expected number/,
    ],
    [
      'a misspelt container field',
      (docs) => ((container(docs) as any).imagePullPolicyy = 'Always'),
      /Deployment .*containers\.0: Unrecognized key/,
    ],
    [
      'a PDB that blocks every drain',
      (docs) => (pick(docs, 'PodDisruptionBudget').spec.minAvailable = 2),
      /minAvailable 2 >= 2 replicas blocks every drain/,
    ],
    [
      'an unknown kind',
      (docs) => docs.push({ source: 'templates/x.yaml', doc: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } } }),
      /kind Pod is not one the chart is checked for/,
    ],
  ];
  it.each(mutations)('rejects %s', (_what, mutate, problem) => {
    const docs = structuredClone(renderChart(CHART, { values: SECRETS }).documents);
    mutate(docs);
    expect(checkChart(docs).problems).toContainEqual(expect.stringMatching(problem));
  });
});
