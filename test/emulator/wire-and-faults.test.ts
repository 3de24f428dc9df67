import * as https from 'node:https';
import { SEED, type RunningEmulator } from '../../emulator';
import { BACKUP_API, COMPUTE_API, startTestEmulator, type ArmClient } from './support/arm-client';
import { SUB, WEU_VAULT, itemPath } from './support/seed-paths';

const vmsPath = `/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachines`;

describe('ARM wire behaviour, faults and the admin endpoints', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator());
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('serves HTTPS with a certificate valid for 127.0.0.1 and localhost', async () => {
    const cert = await new Promise<any>((resolve, reject) => {
      const req = https.request(`${emulator.endpoint}/_admin/state`, { ca: emulator.ca, agent: false }, (res) => {
        resolve((res.socket as unknown as { getPeerCertificate(): any }).getPeerCertificate());
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    expect(cert.subjectaltname).toContain('DNS:localhost');
    expect(cert.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(emulator.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('answers 401 AuthenticationFailed without a bearer token, and accepts any bearer token', async () => {
    const none = await arm.get(`${vmsPath}?${COMPUTE_API}`, { authorization: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('AuthenticationFailed');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await arm.get(`${vmsPath}?${COMPUTE_API}`, { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
    expect((await arm.get(`${vmsPath}?${COMPUTE_API}`, { authorization: 'Bearer anything.at.all' })).status).toBe(200);
  });

  it('puts request ids on every answer and echoes the client ids', async () => {
    const reply = await arm.get(`${vmsPath}?${COMPUTE_API}`, { headers: { 'x-ms-client-request-id': 'client-1', 'x-ms-correlation-request-id': 'corr-1' } });
    expect(reply.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers['x-ms-correlation-request-id']).toBe('corr-1');
    expect(reply.headers['x-ms-client-request-id']).toBe('client-1');
    const error = await arm.get(`${WEU_VAULT}/nothingHere?${BACKUP_API}`);
    expect(error.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('checks api-version: required, known per provider, any on the emulator\'s own poll URLs', async () => {
    const missing = await arm.get(vmsPath);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('MissingApiVersionParameter');
    const unknown = await arm.get(`${vmsPath}?api-version=2099-01-01`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('NoRegisteredProviderFound');
    const refresh = await arm.post(`${WEU_VAULT}/backupFabrics/Azure/refreshContainers?${BACKUP_API}`);
    const oldVersion = refresh.headers.location.replace('api-version=2023-06-01', 'api-version=2016-12-01');
    expect((await arm.get(new URL(oldVersion).pathname + new URL(oldVersion).search)).status).toBe(202);
  });

  // ARM's shape, as public reports quote it: Azure/azure-cli#20226 and Azure/azure-rest-api-specs#11929
  // (NoRegisteredProviderFound: location, version, type, supported api-versions and locations).
  it('refuses an unknown provider api-version as ARM does, naming the request location, the supported versions and locations', async () => {
    const list = await arm.get(`${vmsPath}?api-version=2099-01-01`);
    expect(list.status).toBe(400);
    expect(list.body.error).toEqual({
      code: 'NoRegisteredProviderFound',
      message:
        "No registered resource provider found for location 'global' and API version '2099-01-01' for type 'virtualMachines'. The supported api-versions are '2026-04-01, 2023-09-01'. The supported locations are 'westeurope, northeurope, eastus'.",
    });
    const vault = await arm.get(`${WEU_VAULT}?api-version=2016-06-01`);
    expect(vault.body.error.message).toMatch(/^No registered resource provider found for location 'westeurope' and API version '2016-06-01' for type 'vaults'\. The supported api-versions are '2026-07-01, /);
    const created = await arm.put(`/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-new?api-version=2016-06-01`, {
      location: 'North Europe',
      sku: { name: 'Standard' },
      properties: {},
    });
    expect(created.body.error.message).toContain("for location 'northeurope' and API version '2016-06-01'");
  });

  it('answers 404 in Azure\'s shape for unknown resources, routes and subscriptions', async () => {
    const vault = await arm.get(`/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/nope?api-version=2026-07-01`);
    expect(vault.status).toBe(404);
    expect(vault.body.error).toEqual({ code: 'ResourceNotFound', message: expect.stringContaining("'Microsoft.RecoveryServices/vaults/nope'") });
    const route = await arm.get(`/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts?api-version=2023-01-01`);
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('InvalidResourceType');
    const sub = await arm.get(`/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}`);
    expect(sub.status).toBe(404);
    expect(sub.body.error.code).toBe('SubscriptionNotFound');
  });

  it('routes case-insensitively (/Subscriptions/, lower-case container and item names)', async () => {
    const path = `${WEU_VAULT}/backupFabrics/AZURE/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;RG-WEB-PROD;WEB-01/protectedItems/vm;iaasvmcontainerv2;rg-web-prod;web-01`;
    const reply = await arm.get(`${path.replace('/subscriptions/', '/Subscriptions/').replace('/resourceGroups/', '/resourcegroups/')}?${BACKUP_API}`);
    expect(reply.status).toBe(200);
    expect(reply.body.properties.friendlyName).toBe('web-01');
  });

  it('throttles with 429 and Retry-After for `count` requests, then answers normally', async () => {
    emulator.injectFault({ kind: 'throttle', pathPattern: 'Microsoft\\.Compute', count: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const reply = await arm.get(`${vmsPath}?${COMPUTE_API}`);
      expect(reply.status).toBe(429);
      expect(reply.headers['retry-after']).toBe('3');
      expect(reply.body.error.code).toBe('SubscriptionRequestsThrottled');
    }
    expect((await arm.get(`${WEU_VAULT}/backupPolicies?${BACKUP_API}`)).status).toBe(200);
    expect((await arm.get(`${vmsPath}?${COMPUTE_API}`)).status).toBe(200);
  });

  it('answers 5xx in the Backup RP\'s shape when told to, for the given method only', async () => {
    emulator.injectFault({ kind: 'server-error', pathPattern: '/backup$', method: 'POST', status: 503 });
    expect((await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}`)).status).toBe(200);
    const failed = await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest' } });
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('CloudInternalError');
    const ok = await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest' } });
    expect(ok.status).toBe(202);
  });

  it('records every ARM request (method, path, query, body, status) and not the admin calls', async () => {
    emulator.clearRequests();
    await arm.get(`${vmsPath}?${COMPUTE_API}&statusOnly=true`);
    await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest' } });
    await arm.get('/_admin/state');
    const recorded = emulator.requests();
    expect(recorded.map((r) => [r.method, r.status])).toEqual([
      ['GET', 200],
      ['POST', 202],
    ]);
    expect(recorded[0].query).toEqual({ 'api-version': '2026-04-01', statusOnly: 'true' });
    expect(recorded[1].path).toContain('protectedItems/VM;iaasvmcontainerv2;rg-web-prod;web-01/backup');
    expect(recorded[1].body).toEqual({ properties: { objectType: 'IaasVMBackupRequest' } });
    const viaAdmin = await arm.get('/_admin/requests');
    expect(viaAdmin.body.value).toHaveLength(2);
    expect((await arm.delete('/_admin/requests')).status).toBe(204);
    expect(emulator.requests()).toEqual([]);
  });

  it('takes faults and clock moves through /_admin, and summarises its state', async () => {
    expect((await arm.post('/_admin/faults', { kind: 'throttle', count: 'many' })).status).toBe(400);
    expect((await arm.post('/_admin/faults', { kind: 'throttle', pathPattern: 'backupPolicies', retryAfterSeconds: 2 })).status).toBe(204);
    expect((await arm.get(`${WEU_VAULT}/backupPolicies?${BACKUP_API}`)).status).toBe(429);
    expect((await arm.post('/_admin/faults', { kind: 'throttle', pathPattern: 'backupPolicies' })).status).toBe(204);
    expect((await arm.delete('/_admin/faults')).status).toBe(204);
    expect((await arm.get(`${WEU_VAULT}/backupPolicies?${BACKUP_API}`)).status).toBe(200);

    const before = emulator.now().getTime();
    const moved = await arm.post('/_admin/clock/advance', { ms: 3_600_000 });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now) - before).toBe(3_600_000);
    expect(emulator.now().getTime() - before).toBe(3_600_000);

    const state = await arm.get('/_admin/state');
    expect(state.body.subscriptionIds).toEqual(SEED.subscriptionIds);
    expect(state.body.virtualMachines).toBe(35);
    expect(state.body.vaults.find((v: any) => v.id === WEU_VAULT).protectedItems).toEqual([
      { vm: 'web-01', state: 'Protected', lastBackupStatus: 'Completed', recoveryPoints: 5 },
    ]);
  });
});
