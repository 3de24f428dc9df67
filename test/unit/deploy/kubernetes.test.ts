import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SETTING_LIST } from '../../../src/config';
import { DOCKERFILE_LINES } from '../../integration/production/image-recipe';
import { KNOWN_OUTSIDE_CATALOGUE } from './known-variables';

// deploy/kubernetes rendered as `kubectl kustomize` renders it (kubectl's built-in kustomize), and
// the objects checked as the cluster would get them: base and every overlay.

const ROOT = path.resolve(__dirname, '../../..');
const TARGETS = ['base', 'overlays/staging', 'overlays/production'];

type K8sObject = { kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: unknown };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function render(target: string): K8sObject[] {
  let text: string;
  try {
    text = execFileSync('kubectl', ['kustomize', path.join(ROOT, 'deploy', 'kubernetes', target)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: Buffer };
    if (code === 'ENOENT') throw new Error('kubectl (1.27 or later, with its built-in kustomize v5) is needed to render deploy/kubernetes: see docs/development.md, Tests');
    throw new Error(`kubectl kustomize deploy/kubernetes/${target} failed: ${String(stderr ?? '')}`);
  }
  return YAML.parseAllDocuments(text).map((doc) => doc.toJSON() as K8sObject);
}

/** A memory figure (MB) of the last full bench, bench/results/latest.json. */
function benchMb(metricStart: string): number {
  const latest = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results', 'latest.json'), 'utf8')) as { rows: Array<{ metric: string; value: number; unit: string }> };
  const row = latest.rows.find((r) => r.metric.startsWith(metricStart) && r.unit === 'MB');
  if (!row) throw new Error(`bench/results/latest.json has no "${metricStart}" row`);
  return row.value;
}

const APP_LABEL = { 'app.kubernetes.io/name': 'vm-backup-bot' };

describe.each(TARGETS)('deploy/kubernetes/%s rendered', (target) => {
  const objects = render(target);
  const one = (kind: string, name = 'vm-backup-bot'): Any => {
    const found = objects.filter((o) => o.kind === kind && o.metadata.name.startsWith(name));
    expect(found.map((o) => `${o.kind}/${o.metadata.name}`)).toHaveLength(1);
    return found[0];
  };
  const deployment = (): Any => one('Deployment');
  const container = (): Any => deployment().spec.template.spec.containers[0];

  it('runs two or more replicas, rolled one at a time, kept by a PodDisruptionBudget', () => {
    expect(deployment().spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment().spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    const pdb = one('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(APP_LABEL);
    expect(deployment().spec.template.metadata.labels).toMatchObject(APP_LABEL);
  });

  it('probes readiness on /readyz and liveness on /healthz, on the port the bot listens on', () => {
    const c = container();
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const ports = Object.fromEntries(c.ports.map((p: Any) => [p.name, p.containerPort]));
    const env = Object.fromEntries(c.env.filter((e: Any) => 'value' in e).map((e: Any) => [e.name, e.value]));
    expect(String(ports.http)).toBe(env.PORT);
    expect(String(ports.metrics)).toBe(env.METRICS_PORT);
    expect(env.HOST).toBe('0.0.0.0');
    // The SIGTERM grace of src/main.ts (10 s) plus the preStop pause fit in the pod's grace period.
    expect(deployment().spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(10 + c.lifecycle.preStop.sleep.seconds);
  });

  it('runs as a non-root user on a read-only root filesystem, DATA_DIR the one writable mount besides /tmp', () => {
    const pod = deployment().spec.template.spec;
    const c = container();
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    const dataDir = c.env.find((e: Any) => e.name === 'DATA_DIR').value;
    expect(dataDir).toBe(DOCKERFILE_LINES.env.find((l) => l.startsWith('ENV DATA_DIR='))?.split('=')[1]);
    expect(c.volumeMounts.map((m: Any) => m.mountPath).sort()).toEqual([dataDir, '/tmp'].sort());
  });

  it('has memory requests and limits sized from the bench: idle plus a quarter, and 100,000 VMs plus a fifth', () => {
    const { requests, limits } = container().resources;
    const mi = (q: string): number => Number(/^(\d+)Mi$/.exec(q)?.[1]);
    expect(mi(requests.memory)).toBeGreaterThanOrEqual(benchMb('RSS idle') * 1.25);
    expect(mi(limits.memory)).toBeGreaterThanOrEqual(benchMb('RSS with 100,000 VMs') * 1.2);
    expect(requests.cpu).toBeDefined();
  });

  it('takes tokens from a Secret and holds none in plain text', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const c = container();
    const secretNames = SETTING_LIST.filter((s) => s.secret).map((s) => s.name);
    for (const e of c.env) {
      if (secretNames.includes(e.name) || e.name === 'DATABASE_URL') {
        expect({ name: e.name, from: e.valueFrom?.secretKeyRef?.name }).toEqual({ name: e.name, from: 'vm-backup-bot' });
      }
    }
    expect(c.env.map((e: Any) => e.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_PASSWORD']));
    for (const cm of objects.filter((o) => o.kind === 'ConfigMap') as Any[]) {
      for (const key of Object.keys(cm.data)) expect({ key, secret: secretNames.includes(key) || key === 'DATABASE_URL' }).toEqual({ key, secret: false });
    }
  });

  it('sets only environment variables the bot knows', () => {
    const c = container();
    const names = [...c.env.map((e: Any) => e.name), ...(objects.filter((o) => o.kind === 'ConfigMap') as Any[]).flatMap((cm) => Object.keys(cm.data))];
    const known = new Set([...SETTING_LIST.map((s) => s.name), ...Object.keys(KNOWN_OUTSIDE_CATALOGUE)]);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
  });

  it('has a ServiceAccount ready for workload identity, and exposes only the chat endpoints through the Ingress', () => {
    const pod = deployment().spec.template;
    expect(pod.spec.serviceAccountName).toBe('vm-backup-bot');
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    one('ServiceAccount');
    const ingress = one('Ingress');
    const paths = ingress.spec.rules.flatMap((r: Any) => r.http.paths.map((p: Any) => `${p.pathType} ${p.path} → ${p.backend.service.name}:${p.backend.service.port.name}`));
    expect(paths.sort()).toEqual(['Exact /api/messages → vm-backup-bot:http', 'Exact /slack/events → vm-backup-bot:http']);
    const env = Object.fromEntries(container().env.filter((e: Any) => 'value' in e).map((e: Any) => [e.name, e.value]));
    const config = (objects.find((o) => o.kind === 'ConfigMap') as Any).data;
    expect({ ...config, ...env }.PLAYGROUND).toBe('false');
  });
});

it('production uses the managed identity of workload identity and real subscriptions', () => {
  const objects = render('overlays/production') as Any[];
  const sa = objects.find((o) => o.kind === 'ServiceAccount');
  expect(sa.metadata.annotations['azure.workload.identity/client-id']).toMatch(/^[0-9a-f-]{36}$/);
  const config = objects.find((o) => o.kind === 'ConfigMap').data;
  expect(config.AZURE_SUBSCRIPTION_IDS).toMatch(/^[0-9a-f-]{36}/);
});
