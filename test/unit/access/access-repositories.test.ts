import type { Store } from '../../../src/store';
import { addChannelBinding, listChannelBindings, removeChannelBinding, type ChannelRef } from '../../../src/store/repositories/access-bindings.repository';
import { claimEffect, finishEffect, releaseEffect, type EffectActor } from '../../../src/store/repositories/access-effects.repository';
import { grantsOf, listGrants, putGrant, removeGrant, type PrincipalRef } from '../../../src/store/repositories/access-grants.repository';
import { describeTarget, storeTargets } from '../store/store-targets';

const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const CHANNEL: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const T0 = new Date('2026-11-24T09:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const ANA: EffectActor = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', userName: 'ana' };
const BO: EffectActor = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U2', userName: 'bo' };

for (const target of storeTargets()) {
  describeTarget(target)(`access repositories on ${target.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    describe('channel bindings', () => {
      it('binds a channel once per scope, case-insensitively, and unbinds it', async () => {
        const first = await addChannelBinding(store.db, { channel: CHANNEL, subscriptionId: SUB, resourceGroup: 'rg-web', createdBy: 'U1', createdByName: 'ana', at: T0 });
        expect(first.created).toBe(true);
        const again = await addChannelBinding(store.db, { channel: CHANNEL, subscriptionId: SUB.toUpperCase(), resourceGroup: 'RG-WEB', createdBy: 'U2', at: later(1000) });
        expect(again).toEqual({ created: false, binding: first.binding });
        await addChannelBinding(store.db, { channel: CHANNEL, subscriptionId: SUB, createdBy: 'U1', at: T0 });
        await addChannelBinding(store.db, { channel: { ...CHANNEL, channelId: 'C2' }, subscriptionId: SUB, resourceGroup: 'rg-data', createdBy: 'U1', at: T0 });

        const bound = await listChannelBindings(store.db, CHANNEL);
        expect(bound.map((b) => [b.subscriptionId, b.resourceGroup])).toEqual([
          [SUB, undefined],
          [SUB, 'rg-web'],
        ]);
        expect(bound[1]).toMatchObject({ createdBy: 'U1', createdByName: 'ana', createdAt: T0 });

        const removed = await removeChannelBinding(store.db, CHANNEL, SUB, 'Rg-Web');
        expect(removed?.resourceGroup).toBe('rg-web');
        expect(await removeChannelBinding(store.db, CHANNEL, SUB, 'rg-web')).toBeUndefined();
        expect((await listChannelBindings(store.db, CHANNEL)).length).toBe(1);
        expect((await listChannelBindings(store.db, { ...CHANNEL, workspaceId: 'T2' })).length).toBe(0);
      });
    });

    describe('role grants', () => {
      const ana: PrincipalRef = { platform: 'slack', workspaceId: 'T1', kind: 'user', id: 'U1' };
      const ops: PrincipalRef = { platform: 'slack', workspaceId: 'T1', kind: 'group', id: 'S9' };

      it('keeps one role per principal and workspace, says what it was before, and revokes', async () => {
        const first = await putGrant(store.db, { principal: ana, principalName: 'ana', role: 'viewer', grantedBy: 'U0', at: T0 });
        expect(first.before).toBeUndefined();
        expect(first.after.role).toBe('viewer');
        const up = await putGrant(store.db, { principal: ana, role: 'operator', grantedBy: 'U0', grantedByName: 'root', at: later(1) });
        expect(up.before?.role).toBe('viewer');
        expect(up.after).toMatchObject({ role: 'operator', principalName: 'ana', grantedByName: 'root' });
        const same = await putGrant(store.db, { principal: ana, role: 'operator', grantedBy: 'U7', at: later(2) });
        expect(same.before).toEqual(same.after);
        expect(same.after.grantedBy).toBe('U0');

        await putGrant(store.db, { principal: ops, role: 'admin', grantedBy: 'U0', at: T0 });
        await putGrant(store.db, { principal: { ...ana, workspaceId: 'T2' }, role: 'admin', grantedBy: 'U0', at: T0 });
        expect((await grantsOf(store.db, 'slack', 'T1', 'U1')).map((g) => g.role)).toEqual(['operator']);
        expect((await grantsOf(store.db, 'slack', 'T1', 'U1', ['S9'])).map((g) => g.role).sort()).toEqual(['admin', 'operator']);
        expect((await listGrants(store.db, 'slack', 'T1')).map((g) => g.principal.kind)).toEqual(['user', 'group']);

        expect((await removeGrant(store.db, ana))?.role).toBe('operator');
        expect(await removeGrant(store.db, ana)).toBeUndefined();
        expect(await grantsOf(store.db, 'slack', 'T1', 'U1')).toEqual([]);
      });

      it('does not lose a grant when two are made at once', async () => {
        await Promise.all([
          putGrant(store.db, { principal: ana, role: 'viewer', grantedBy: 'U0', at: T0 }),
          putGrant(store.db, { principal: ana, role: 'admin', grantedBy: 'U0', at: T0 }),
        ]);
        const grants = await listGrants(store.db, 'slack', 'T1');
        expect(grants.length).toBe(1);
        expect(['viewer', 'admin']).toContain(grants[0].role);
      });
    });

    describe('effect claims', () => {
      const never = () => false;
      const always = () => true;

      it('lets the first claim win and tells the others who holds it', async () => {
        const results = await Promise.all(
          [ANA, BO, ANA].map((actor, i) => claimEffect(store.db, { key: 'k1', action: 'enable.confirm', actor, at: later(i) }, never)),
        );
        const winners = results.filter((r) => r.claimed);
        expect(winners.length).toBe(1);
        for (const r of results) if (!r.claimed) expect(r.existing.actor.userId).toBe(winners[0].claimed ? winners[0].claim.actor.userId : '');
      });

      it('records how an effect ended, releases a claim that did nothing, and allows a redo when asked', async () => {
        const first = await claimEffect(store.db, { key: 'k2', action: 'now.submit', actor: ANA, at: T0 }, never);
        if (!first.claimed) throw new Error('expected a claim');
        await finishEffect(store.db, first.claim, { outcome: 'succeeded', summary: 'Backup now of web-01', at: later(5) });
        const dup = await claimEffect(store.db, { key: 'k2', action: 'now.submit', actor: BO, at: later(10) }, never);
        expect(dup).toMatchObject({ claimed: false, existing: { actor: { userId: 'U1', userName: 'ana' }, outcome: 'succeeded', summary: 'Backup now of web-01', finishedAt: later(5) } });

        const redo = await claimEffect(store.db, { key: 'k2', action: 'now.submit', actor: BO, at: later(20) }, always);
        expect(redo).toMatchObject({ claimed: true, claim: { actor: { userId: 'U2' }, startedAt: later(20) } });

        const other = await claimEffect(store.db, { key: 'k3', action: 'now.submit', actor: ANA, at: T0 }, never);
        if (!other.claimed) throw new Error('expected a claim');
        await releaseEffect(store.db, other.claim);
        expect((await claimEffect(store.db, { key: 'k3', action: 'now.submit', actor: BO, at: later(1) }, never)).claimed).toBe(true);
      });

      it('lets only one of two concurrent redos win', async () => {
        const first = await claimEffect(store.db, { key: 'k4', action: 'vault.chooseVms', actor: ANA, at: T0 }, never);
        if (!first.claimed) throw new Error('expected a claim');
        await finishEffect(store.db, first.claim, { outcome: 'partial', summary: 's', at: later(1) });
        const redo = await Promise.all([BO, ANA].map((actor, i) => claimEffect(store.db, { key: 'k4', action: 'vault.chooseVms', actor, at: later(100 + i) }, (e) => e.finishedAt !== undefined && e.outcome !== 'succeeded')));
        expect(redo.filter((r) => r.claimed).length).toBe(1);
      });
    });
  });
}
