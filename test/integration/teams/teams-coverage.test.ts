/**
 * `backup coverage` through the Teams adapter: typed to the bot, the coverage card comes back; a VM
 * tagged backup=exclude by an ARM PATCH is counted as excluded; "Enable backup" (an
 * Action.Execute on a message card, whose next step comes as a new message) opens the vault path,
 * whose VM step starts with the group's VMs selected (Input.ChoiceSet value "id1,id2,…"), and
 * "Enable Backup" there protects them.
 */
import { SEED } from '../../../emulator';
import { setVmTags } from '../../support/vm-tags';
import { cardText, findInput, TeamsDriver } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

describe('Teams: backup coverage', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());

  it('shows the gaps of a resource group, counts a tagged VM as excluded, and Enable backup opens the vault path with the VMs preselected', async () => {
    await setVmTags(h.backup.emulator, SEED.vmId('lb-01'), { backup: 'exclude' });
    const coverage = await teams.say('backup coverage rg rg-web-prod');
    const text = cardText(coverage.card);
    expect(text).toContain('Backup coverage');
    expect(text).toContain('3 VMs of 5 in resource group rg-web-prod are not protected by any vault; 1 VM excluded by tag backup=exclude.');
    expect(text).toContain('westeurope: 3 unprotected VMs');
    expect(text).toContain(`Vault ${SEED.vaultNames.westeurope} (resource group rg-backup) would protect them`);
    expect(text).toContain('web-02, web-03 and web-04');

    const settings = await teams.pressAndFollow(coverage, 'Enable backup (3)');
    expect(cardText(settings.card)).toContain(`Vault ${SEED.vaultNames.westeurope}`);
    const vmsStep = await teams.pressAndReplace(settings, 'Next', { policy: 'default' });
    const vms = findInput(vmsStep.card, 'vms');
    const preselected = String(vms.value).split(',');
    expect(preselected.sort()).toEqual(['web-02', 'web-03', 'web-04'].map((n) => SEED.vmId(n)).sort());

    const result = await teams.pressAndReplaceInTheEnd(vmsStep, 'Enable Backup', { vms: String(vms.value) });
    expect(cardText(result.card)).toMatch(/Initial backup pending|Posted in the channel/);
    const after = await teams.say('backup coverage rg rg-web-prod');
    expect(cardText(after.card)).toContain('All 4 VMs in resource group rg-web-prod are protected by a vault; 1 VM excluded by tag backup=exclude.');
  });
});
