import { messageBlocks } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import { expectForm, expectMessage, flowsFixture, submit } from '../flows/support/flows-fixture';

/** Every button title anywhere in a JSON tree (Block Kit `button` elements, Adaptive Card `Action.Execute`). */
function buttonTitles(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => buttonTitles(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.title === 'string') out.push(o.title);
    if (o.type === 'button' && o.text && typeof (o.text as { text?: unknown }).text === 'string') out.push((o.text as { text: string }).text);
    Object.values(o).forEach((v) => buttonTitles(v, out));
  }
  return out;
}

describe('"Backup enabled" shows each button once, in Slack and in Teams', () => {
  it('one VM enabled: Backup now and Status appear once on the card and in the message', async () => {
    const fx = flowsFixture();
    fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web', location: 'westeurope' });
    const vault = fx.backup.addVault('vault-weu', 'westeurope');
    const vaultStep = expectForm(await fx.handle({ type: 'enable.start', vm: 'web-01' }));
    const policyStep = expectForm(await fx.handle(submit(vaultStep, { vault: vault.id })));
    const confirm = expectForm(await fx.handle(submit(policyStep, { policy: 'default' })));
    const result = expectMessage(await fx.handle(submit(confirm, {})), 'protection-result');

    const teams = buttonTitles(teamsCard(result));
    const slack = buttonTitles(messageBlocks(result).blocks);
    for (const titles of [teams, slack]) {
      expect(titles.filter((t) => t === 'Backup now')).toHaveLength(1);
      expect(titles.filter((t) => t === 'Status')).toHaveLength(1);
    }
  });
});
