/**
 * Every message renderer: within Slack's limits (the reusable checker), and its exact output
 * kept as a golden snapshot (review a snapshot diff like any other code change).
 */
import { messageBlocks } from '../../../../cards/slack';
import { checkMessage } from '../../../support/block-kit-limits';
import { MESSAGES } from './fixtures';

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; text?: { text: string }; confirm?: unknown }[]; accessory?: { action_id?: string } };

const actionIds = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => [b.accessory?.action_id, ...(b.elements ?? []).map((e) => e.action_id)]).filter((id): id is string => id !== undefined);

describe('Block Kit messages', () => {
  it.each(Object.keys(MESSAGES))('%s stays within Slack limits', (name) => {
    const message = messageBlocks(MESSAGES[name]);
    expect(checkMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it.each(Object.keys(MESSAGES).filter((n) => !/-\d+$|long|many/.test(n)))('%s matches its golden', (name) => {
    expect(messageBlocks(MESSAGES[name])).toMatchSnapshot();
  });

  it('cuts long lists to 50 blocks and says how many were left out', () => {
    const message = messageBlocks(MESSAGES['vm-list-200']);
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks)).toMatch(/and \d+ more/);
    // The list's own buttons (after the cut) are still there.
    expect(JSON.stringify(message.blocks[message.blocks.length - 1])).toContain('vms.list');
  });

  it('truncates texts over Slack limits with an ellipsis instead of failing', () => {
    const message = messageBlocks(MESSAGES['notice-long']);
    const first = message.blocks[0] as Block;
    expect(first.text?.text.length).toBe(3000);
    expect(first.text?.text.endsWith('…')).toBe(true);
    const buttons = (message.blocks as Block[]).flatMap((b) => b.elements ?? []);
    expect(buttons).toHaveLength(30);
    for (const b of buttons) expect(b.text?.text.length).toBeLessThanOrEqual(75);
  });

  it('gives every button a unique action id, the intent type first', () => {
    const message = messageBlocks(MESSAGES['protection-result-partial']);
    const ids = actionIds(message.blocks as Block[]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['now.start', 'now.start:2', 'status', 'link']));
  });

  it('asks for confirmation before a destructive button', () => {
    const message = messageBlocks(MESSAGES['job-queued']);
    const cancel = (message.blocks as Block[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'job.cancel');
    expect(cancel?.confirm).toBeDefined();
  });

  it('keeps the state of the job in the notification text', () => {
    expect(messageBlocks(MESSAGES['job-failed']).text).toBe('Backup of web-01: Failed after 3 min');
    expect(messageBlocks(MESSAGES['protection-result']).text).toContain('Warning (Initial backup pending)');
  });

  it('escapes what Slack would read as markup', () => {
    const message = messageBlocks({ kind: 'notice', tone: 'info', title: 'a <b> & c', text: '<!channel>', actions: [] });
    expect(JSON.stringify(message.blocks)).toContain('a &lt;b&gt; &amp; c');
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});
