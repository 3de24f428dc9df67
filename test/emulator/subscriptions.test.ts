/**
 * Microsoft.Resources subscriptions as ARM serves them, checked against Microsoft's example
 * (Subscriptions - Get, GetSubscription.json, Azure/azure-rest-api-specs
 * specification/resources/resource-manager/Microsoft.Resources/stable/2022-12-01/examples, copied in
 * emulator/specs/resources/examples): every subscription with its display name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SEED, type RunningEmulator } from '../../emulator';
import { startTestEmulator, type ArmClient } from './support/arm-client';

const API = 'api-version=2022-12-01';
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'emulator', 'specs', 'resources', 'examples', 'GetSubscription.json'), 'utf8'));

/** The keys of an object and, recursively, of its object values ("subscriptionPolicies.quotaId"). */
function keyPaths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) && k !== 'tags' ? keyPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('Microsoft.Resources subscriptions (2022-12-01)', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeAll(async () => {
    ({ emulator, arm } = await startTestEmulator());
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('lists the subscriptions with their display names, shaped as Microsoft\'s example', async () => {
    const list = await arm.get(`/subscriptions?${API}`);
    expect(list.status).toBe(200);
    const subs = list.body.value as Record<string, unknown>[];
    expect(subs.map((s) => [s.subscriptionId, s.displayName])).toEqual([
      [SEED.subscriptions.production, 'Contoso Production'],
      [SEED.subscriptions.devTest, 'Contoso Dev/Test'],
    ]);
    const expected = keyPaths(EXAMPLE.responses['200'].body).sort();
    for (const s of subs) expect(keyPaths(s).sort()).toEqual(expected);
  });

  it('gets one subscription, and answers 404 SubscriptionNotFound for another', async () => {
    const one = await arm.get(`/subscriptions/${SEED.subscriptions.devTest}?${API}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: `/subscriptions/${SEED.subscriptions.devTest}`, displayName: 'Contoso Dev/Test', state: 'Enabled' });
    const other = await arm.get(`/subscriptions/00000000-0000-0000-0000-000000000009?${API}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('SubscriptionNotFound');
  });
});
