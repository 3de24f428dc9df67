import { messageBlocks } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import { healthView } from '../../../src/flows/health.flow';
import { nowProtectedView, pendingDigestView, type DigestItem } from '../../../src/notifications/notification-views';
import { checkMessage } from '../../support/block-kit-limits';

const NOW = new Date('2026-03-02T10:00:00Z');
const item = (i: number): DigestItem => ({
  vmId: `/subscriptions/s/resourceGroups/rg-app-with-a-rather-long-name/providers/Microsoft.Compute/virtualMachines/vm-${String(i).padStart(2, '0')}`,
  vmName: `vm-${String(i).padStart(2, '0')}-with-a-name-as-long-as-azure-allows-for-windows-hosts`,
  vaultName: 'rsv-prod-weu',
  policyName: 'DefaultPolicy',
  pendingSince: new Date(NOW.getTime() - (30 - i) * 3600_000),
  nextRun: new Date('2026-03-02T19:00:00Z'),
});

describe('notification views', () => {
  test('the digest is one message however many VMs wait, within Slack\'s limits, oldest first', () => {
    const view = pendingDigestView(Array.from({ length: 25 }, (_, i) => item(i)), ['vault rsv-prod-weu'], NOW);
    expect(view.title).toBe('25 VMs are waiting for their first backup');
    expect(view.facts).toHaveLength(20);
    expect(view.facts?.[0].label).toContain('vm-00');
    expect(view.facts?.[0].value).toBe('Vault rsv-prod-weu · policy DefaultPolicy · pending since Sun 1 Mar 2026, 04:00 UTC (1 day ago) · next scheduled backup Mon 2 Mar 2026, 19:00 UTC (in 9 hours)');
    expect(view.actions).toHaveLength(20);
    expect(view.actions[0].intent).toEqual({ type: 'now.start', vm: item(0).vmId });
    expect(view.text).toContain('5 more VMs not listed here');
    expect(checkMessage(messageBlocks(view))).toEqual([]);
    expect(JSON.stringify(teamsCard(view))).toContain('vm-19');
  });

  test('one VM reads as one VM; the follow-up is short', () => {
    expect(pendingDigestView([item(1)], [], NOW).title).toBe(`${item(1).vmName} is waiting for its first backup`);
    const one = nowProtectedView([{ vmId: item(1).vmId, vmName: 'web-02', vaultName: 'rsv-prod-weu', protectedAt: new Date('2026-03-02T09:05:00Z') }], NOW);
    expect(one).toMatchObject({ tone: 'success', title: 'web-02 is now protected', actions: [{ label: 'Status', intent: { type: 'status', target: item(1).vmId } }] });
    expect(one.facts?.[0].value).toBe('Vault rsv-prod-weu · first backup Mon 2 Mar 2026, 09:05 UTC (55 min ago)');
    const two = nowProtectedView([{ vmId: 'a', vmName: 'web-02', vaultName: 'v' }, { vmId: 'b', vmName: 'sql-01', vaultName: 'v' }], NOW);
    expect(two.title).toBe('2 VMs are now protected');
    expect(two.text).toContain('sql-01 and web-02');
    expect(checkMessage(messageBlocks(two))).toEqual([]);
  });

  test('the health view renders on both platforms', () => {
    const view = healthView({
      now: NOW,
      leader: { holder: 'host-a:123:abc', since: NOW, expiresAt: new Date(NOW.getTime() + 30_000) },
      tasks: [{ name: 'pending-digest', title: 'Initial backup pending digest', schedule: '0 9 * * *', nextRun: new Date('2026-03-03T09:00:00Z'), failedRunsInARow: 0 }],
      outbox: { pending: 0, inDoubt: 0, sentLastDay: 3, failedLastDay: 0 },
    });
    expect(view.tone).toBe('success');
    expect(view.facts?.map((f) => f.label)).toEqual(['Initial backup pending digest', 'Notifications', 'Sweeps run on']);
    expect(checkMessage(messageBlocks(view))).toEqual([]);
    expect(JSON.stringify(teamsCard(view))).toContain('not run yet');
  });
});
