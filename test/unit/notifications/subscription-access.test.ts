import type { ChannelScope } from '../../../src/access/channel-scope';
import { bindingFor, mayTell, reachOf, vmDecides } from '../../../src/notifications/subscription-access';
import type { SubscriptionScope } from '../../../src/notifications/subscription.types';

const A = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const B = '8f7e6d5c-4b3a-4c2d-9e1f-0a9b8c7d6e52';
const vault = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.RecoveryServices/vaults/${name}`;
const vm = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

const WEU = vault(A, 'rg-backup', 'rsv-weu');
const WEB_01 = vm(A, 'rg-web', 'web-01');
const SQL_01 = vm(A, 'rg-data', 'sql-01');

const subscription: SubscriptionScope = { kind: 'subscription', subscriptionId: A };
const webGroup: SubscriptionScope = { kind: 'resource-group', subscriptionId: A, resourceGroup: 'rg-web' };
const weu: SubscriptionScope = { kind: 'vault', vaultId: WEU };

describe('notifications within a channel\'s scope', () => {
  const open: ChannelScope = { kind: 'all' };
  const nothing: ChannelScope = { kind: 'bound', places: [] };
  const wholeA: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A }] };
  const webAndBackup: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'rg-web' }, { subscriptionId: A, resourceGroup: 'rg-backup' }] };
  const webOnly: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'RG-WEB' }] };
  const otherSub: ChannelScope = { kind: 'bound', places: [{ subscriptionId: B }] };

  test('a subscription is reached whole, in part (some of its groups bound) or not at all (paused)', () => {
    expect([open, wholeA, webAndBackup, otherSub, nothing].map((s) => reachOf(s, subscription))).toEqual(['whole', 'whole', 'part', 'none', 'none']);
    expect([open, wholeA, webAndBackup, webOnly, otherSub, nothing].map((s) => reachOf(s, webGroup))).toEqual(['whole', 'whole', 'whole', 'whole', 'none', 'none']);
    expect([open, wholeA, webAndBackup, webOnly, otherSub, nothing].map((s) => reachOf(s, weu))).toEqual(['whole', 'whole', 'whole', 'none', 'none', 'none']);
  });

  test('a job or item is told only when its vault and its VM are both in scope', () => {
    expect(mayTell(open, { vaultId: WEU, vmId: SQL_01 })).toBe(true);
    expect(mayTell(wholeA, { vaultId: WEU, vmId: SQL_01 })).toBe(true);
    expect(mayTell(webAndBackup, { vaultId: WEU, vmId: WEB_01 })).toBe(true);
    expect(mayTell(webAndBackup, { vaultId: WEU, vmId: SQL_01 })).toBe(false); // the VM's group is not bound
    expect(mayTell(webOnly, { vaultId: WEU, vmId: WEB_01 })).toBe(false); // the vault's group is not bound
    expect(mayTell(otherSub, { vaultId: WEU, vmId: WEB_01 })).toBe(false);
    expect(mayTell(nothing, { vaultId: WEU, vmId: WEB_01 })).toBe(false);
  });

  test('a VM not known is told only where its whole subscription is bound; that is when the VM decides', () => {
    expect(mayTell(wholeA, { vaultId: WEU })).toBe(true);
    expect(mayTell(webAndBackup, { vaultId: WEU })).toBe(false);
    expect(vmDecides(webAndBackup, WEU)).toBe(true);
    expect([open, wholeA, webOnly, nothing].map((s) => vmDecides(s, WEU))).toEqual([false, false, false, false]);
  });

  test('what ended before the bindings that bring it in were made is not told', () => {
    const t = (h: number) => new Date(Date.UTC(2026, 10, 24, h));
    const timed: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'rg-web', since: t(9) }, { subscriptionId: A, resourceGroup: 'rg-backup', since: t(11) }] };
    const job = { vaultId: WEU, vmId: WEB_01 };
    expect(mayTell(timed, job, t(10))).toBe(false); // the vault's group was bound at 11:00
    expect(mayTell(timed, job, t(11))).toBe(true);
    expect(mayTell(timed, job)).toBe(true); // a state, not an ending: told as it is now
    expect(mayTell({ kind: 'bound', places: [{ subscriptionId: A, since: t(12) }] }, { vaultId: WEU }, t(11))).toBe(false);
    expect(mayTell(open, job, t(0))).toBe(true);
  });

  test('names the binding that brings a scope in', () => {
    expect(bindingFor(subscription)).toBe(A);
    expect(bindingFor(webGroup)).toBe(`${A}/rg-web`);
    expect(bindingFor(weu)).toBe(`${A}/rg-backup`);
  });
});
