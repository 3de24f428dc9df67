import { coveredSince, coversId } from '../../../src/access/channel-scope';
import { createChannelAccess } from '../../../src/access/conversation-scope';
import type { Store } from '../../../src/store';
import { addChannelBinding, removeChannelBinding } from '../../../src/store/repositories/access-bindings.repository';
import { describeTarget, storeTargets } from '../store/store-targets';

const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const OTHER = '8f7e6d5c-4b3a-4c2d-9e1f-0a9b8c7d6e52';
const T0 = new Date('2026-11-24T09:00:00.000Z');
const LATER = new Date('2026-11-24T10:30:00.000Z');
const vm = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const OPS = { platform: 'slack' as const, conversationId: 'C0OPS' };

for (const target of storeTargets()) {
  describeTarget(target)(`the scope a conversation is told about, on ${target.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await target.dispose(store);
    });
    const bind = (workspaceId: string, subscriptionId: string, resourceGroup?: string, channelId = 'C0OPS', platform = 'slack') =>
      addChannelBinding(store.db, { channel: { platform, workspaceId, channelId }, subscriptionId, ...(resourceGroup ? { resourceGroup } : {}), createdBy: 'U1', at: T0 });

    it('is the default until bound, then the bindings, read afresh at each call', async () => {
      expect(await createChannelAccess(store.db, { defaultChannelScope: 'all' }).scopeOf(OPS)).toEqual({ kind: 'all' });
      const access = createChannelAccess(store.db, { defaultChannelScope: 'none' });
      expect(await access.scopeOf(OPS)).toEqual({ kind: 'bound', places: [] });

      await bind('T1', SUB, 'rg-web');
      await bind('T1', OTHER, 'rg-dev', 'C0DEV'); // another channel
      await bind('T1', OTHER, undefined, 'C0OPS', 'teams'); // the same id on another platform
      const bound = await access.scopeOf(OPS);
      // Each place says when it was bound: notifications tell only what ended after that.
      expect(bound).toEqual({ kind: 'bound', places: [{ subscriptionId: SUB, resourceGroup: 'rg-web', since: T0 }] });
      // Binding a channel limits it even where unbound channels see everything.
      expect(await createChannelAccess(store.db, { defaultChannelScope: 'all' }).scopeOf(OPS)).toEqual(bound);

      await removeChannelBinding(store.db, { platform: 'slack', workspaceId: 'T1', channelId: 'C0OPS' }, SUB, 'rg-web');
      expect(await access.scopeOf(OPS)).toEqual({ kind: 'bound', places: [] });
    });

    it('allows only what every workspace that bound a shared channel allows, from the later of their bindings', async () => {
      const access = createChannelAccess(store.db, { defaultChannelScope: 'none' });
      await bind('T1', SUB);
      await addChannelBinding(store.db, { channel: { platform: 'slack', workspaceId: 'T2', channelId: 'C0OPS' }, subscriptionId: SUB, resourceGroup: 'rg-web', createdBy: 'U2', at: LATER });
      await bind('T2', OTHER);
      const scope = await access.scopeOf(OPS);
      expect(coversId(scope, vm(SUB, 'rg-web', 'web-01'))).toBe(true);
      expect(coversId(scope, vm(SUB, 'rg-data', 'sql-01'))).toBe(false); // T2 did not bind it
      expect(coversId(scope, vm(OTHER, 'rg-dev', 'dev-01'))).toBe(false); // T1 did not bind it
      expect(coveredSince(scope, { subscriptionId: SUB, resourceGroup: 'rg-web' })).toEqual(LATER);
    });
  });
}
