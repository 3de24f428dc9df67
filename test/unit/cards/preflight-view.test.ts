/** The pre-flight view as Block Kit and as an Adaptive Card, from the same view model. */
import { messageBlocks } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import type { PreflightView } from '../../../src/flows/views';
import { messageViews } from './teams/view-fixtures';

const view = messageViews.preflight as PreflightView;

describe('the pre-flight view', () => {
  it('Slack: one section per check, with its outcome, what to do and the source link; a text naming what failed', () => {
    const message = messageBlocks(view);
    const json = JSON.stringify(message.blocks);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text).toBe('web-02 cannot be protected as it is: 5 passed, 1 warning, 1 failed. Failed: Support matrix.');
    expect(json).toContain(':white_check_mark: *Power state* (pass)');
    expect(json).toContain(':warning: *Resource locks* (warning)');
    expect(json).toContain(':x: *Support matrix* (fail)');
    expect(json).toContain('_What to do:_ Protect it with an Enhanced policy from the Azure portal.');
    expect(json).toContain('<https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas#ultra-disk-backup|Ultra disks: supported with Enhanced policy>');
    expect(json).toContain('*Policy* (not checked): could not be checked');
  });

  it('Teams: a toned line per check, what to do and the source, and the same buttons', () => {
    const card = teamsCard(view);
    const json = JSON.stringify(card);
    expect(json).toContain('Fail · Support matrix');
    expect(json).toContain('"color":"attention"');
    expect(json).toContain('What to do: Protect it with an Enhanced policy from the Azure portal.');
    expect(json).toContain('[Ultra disks: supported with Enhanced policy](https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas#ultra-disk-backup)');
    expect(json).toContain('Not checked · Policy');
    expect(JSON.stringify(card.actions)).toContain('Check again');
  });
});
