import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { SERVICES } from '../settings/catalogue.ts';
import { readManifests, type Manifest } from './manifests.ts';

/**
 * `deploy/` validated without a cluster: every object against the Kubernetes
 * schemas (kubernetes-models, the API's OpenAPI definitions), and the
 * Deployments against the services' own settings schemas, so that a setting
 * added, renamed or made required in production shows up here first.
 */

/** The kinds `deploy/` uses, by apiVersion and kind, with the model that validates them. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

function validate(object: Manifest['object']): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`${object.apiVersion} ${object.kind} is not a kind deploy/ is checked for`);
  new Model(object as never).validate();
}

interface Container {
  name: string;
  command: string[];
  ports: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

interface DeploymentSpec {
  replicas: number;
  template: { spec: { containers: Container[]; terminationGracePeriodSeconds?: number } };
}

const manifests = readManifests();
const objects = manifests.map((m) => m.object);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const configMap = ofKind('ConfigMap')[0] as unknown as {
  metadata: { name: string };
  data: Record<string, string>;
};
const secret = ofKind('Secret')[0] as unknown as {
  metadata: { name: string };
  stringData: Record<string, string>;
};
const deployments = ofKind('Deployment') as unknown as {
  metadata: { name: string };
  spec: DeploymentSpec;
}[];

/** The services `npm start` runs in production: every one but the mock partners. */
const DEPLOYED = SERVICES.filter((s) => s.name !== 'mocks');

describe('deploy/', () => {
  it('holds only objects valid against the Kubernetes schemas', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const { file, object } of manifests)
      expect(() => {
        validate(object);
      }, file).not.toThrow();
  });

  it('would notice an invalid object: the validator is not a formality', () => {
    const deployment = deployments[0];
    if (!deployment) throw new Error('no Deployment in deploy/');
    const kapot = structuredClone(deployment) as unknown as Manifest['object'] & {
      spec: Record<string, unknown>;
    };
    kapot.spec['replicas'] = 'twee';
    expect(() => {
      validate(kapot);
    }).toThrow();
    const zonderContainers = structuredClone(deployment) as unknown as { spec: DeploymentSpec };
    (zonderContainers.spec.template.spec as Record<string, unknown>)['containers'] = 'geen';
    expect(() => {
      validate(zonderContainers as unknown as Manifest['object']);
    }).toThrow();
  });

  it('deploys every service but the mocks once, in the one namespace', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(DEPLOYED.map((s) => s.name).sort());
    for (const o of objects.filter((x) => x.kind !== 'Namespace'))
      expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe('duaal-graph');
  });

  it('sets only settings the services declare: the ConfigMap non-secret ones, the Secret the secret ones', () => {
    const declared = new Map(SERVICES.flatMap((s) => s.settings.settings).map((x) => [x.name, x]));
    for (const name of Object.keys(configMap.data)) {
      if (name === 'NODE_ENV') continue;
      expect(declared.get(name), `ConfigMap ${name}`).toBeDefined();
      expect(declared.get(name)?.secret, `ConfigMap ${name} is a secret`).toBe(false);
    }
    for (const name of Object.keys(secret.stringData))
      expect(declared.get(name)?.secret, `Secret ${name}`).toBe(true);
  });

  for (const service of DEPLOYED) {
    describe(service.name, () => {
      const deployment = deployments.find((d) => d.metadata.name === service.name);
      const container = deployment?.spec.template.spec.containers[0];

      it('starts in production with the ConfigMap and its own secrets, and takes no other secret', () => {
        if (!container) throw new Error(`no Deployment for ${service.name}`);
        expect(container.envFrom?.[0]?.configMapRef?.name).toBe(configMap.metadata.name);
        const secrets: Record<string, string> = {};
        const own = new Set(service.settings.settings.filter((s) => s.secret).map((s) => s.name));
        for (const { name, valueFrom } of container.env ?? []) {
          const ref = valueFrom?.secretKeyRef;
          if (!ref) continue;
          expect(ref.name).toBe(secret.metadata.name);
          expect(own.has(ref.key), `${service.name} does not read ${ref.key}`).toBe(true);
          const value = secret.stringData[ref.key];
          expect(value, `${ref.key} is not in the Secret`).toBeDefined();
          secrets[name] = value ?? '';
        }
        // Replicas share their state in PostgreSQL: a service with a store must not fall back to its own PGlite.
        if (service.settings.settings.some((s) => s.name === 'DATABASE_URL'))
          expect(secrets['DATABASE_URL'], 'DATABASE_URL').toBeDefined();
        // What the service's settings schema says of this environment: every production rule included.
        expect(() => service.settings.read({ ...configMap.data, ...secrets })).not.toThrow();
      });

      it('listens where its Service sends, is ready on /ready, alive on /health, bounded and drained', () => {
        if (!deployment || !container) throw new Error(`no Deployment for ${service.name}`);
        const poort = service.settings.settings.find((s) => /_PORT$/.test(s.name));
        const standaard = Number(/\d+/.exec(poort?.documentedDefault ?? '')?.[0]);
        expect(container.ports[0]?.containerPort).toBe(
          Number(configMap.data[poort?.name ?? ''] ?? standaard),
        );
        const svc = ofKind('Service').find((s) => s.metadata.name === service.name) as unknown as
          { spec: { ports: { port: number; targetPort: string }[] } } | undefined;
        expect(svc?.spec.ports[0]?.targetPort).toBe(container.ports[0]?.name);
        expect(container.readinessProbe?.httpGet?.path).toBe('/ready');
        expect(container.livenessProbe?.httpGet?.path).toBe('/health');
        expect(container.resources?.requests?.['cpu']).toBeDefined();
        expect(container.resources?.requests?.['memory']).toBeDefined();
        expect(container.resources?.limits?.['memory']).toBeDefined();
        expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
        // The pod is killed only after the preStop pause and the drain (SHUTDOWN_GRACE_S) could finish.
        const grace = Number(configMap.data['SHUTDOWN_GRACE_S'] ?? 20);
        const pauze = Number(container.lifecycle?.preStop?.exec?.command[1] ?? 0);
        expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(grace + pauze);
      });

      it('runs the compiled entry point that `npm run build` writes from its sources', () => {
        if (!container) throw new Error(`no Deployment for ${service.name}`);
        expect(container.command.slice(0, 2)).toEqual(['node', '--conditions=compiled']);
        const entry = container.command[2] ?? '';
        const source = entry
          .replace('/dist-server/', '/server/')
          .replace('/dist/', '/src/')
          .replace(/\.js$/, '.ts');
        expect(existsSync(new URL(`../../${source}`, import.meta.url)), source).toBe(true);
      });
    });
  }

  it('scales the gateway on CPU between two and more replicas', () => {
    const hpa = ofKind('HorizontalPodAutoscaler')[0] as unknown as {
      spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number };
    };
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });
});
