import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { generate } from 'selfsigned';
import { resolveOptions } from '../../../src/backup/azure/azure-backup-service.options';
import { SdkClientFactory } from '../../../src/backup/azure/sdk-clients';

/**
 * The three SDK generations must all send to the configured endpoint, trust the configured CA,
 * and ask the credential for `${endpoint}/.default` (sovereign clouds need it; the modular
 * clients default to management.azure.com otherwise).
 */
describe('SDK client factory', () => {
  let server: Server;
  let endpoint: string;
  let ca: string;
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    ca = pems.cert;
    server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends every client to the endpoint, trusting its CA, with the endpoint\'s token scope', async () => {
    const scopes: string[] = [];
    const credential: TokenCredential = {
      async getToken(requested: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
        scopes.push(...(Array.isArray(requested) ? requested : [requested]));
        return { token: 'tkn', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const clients = new SdkClientFactory(resolveOptions({ subscriptionIds: ['s1'], credential, resourceManagerEndpoint: `${endpoint}/`, ca }));
    const c = clients.for('s1');
    for await (const _ of c.compute.virtualMachines.listAll()) void _;
    for await (const _ of c.vaults.vaults.listBySubscriptionId()) void _;
    for await (const _ of c.backup.backupPolicies.list('v1', 'rg')) void _;

    expect(seen.map((s) => s.url.split('?')[0])).toEqual([
      '/subscriptions/s1/providers/Microsoft.Compute/virtualMachines',
      '/subscriptions/s1/providers/Microsoft.RecoveryServices/vaults',
      '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1/backupPolicies',
    ]);
    expect(seen.every((s) => s.headers.authorization === 'Bearer tkn')).toBe(true);
    expect(new Set(scopes)).toEqual(new Set([`${endpoint}/.default`]));
    expect(seen.map((s) => new URL(s.url, endpoint).searchParams.get('api-version'))).toEqual(['2026-04-01', '2026-07-01', '2023-06-01']);
    expect(clients.for('S1')).toBe(c);
  });
});
