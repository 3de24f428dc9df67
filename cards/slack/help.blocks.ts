/** `/backup help` and unknown commands: what went wrong, did you mean, every command. */
import type { KnownBlock } from '@slack/types';
import type { HelpView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, escapeMrkdwn, header, intentButton, section } from './block-kit';
import type { SlackMessage } from './slack-message';

export function helpMessage(view: HelpView): SlackMessage {
  const ids = new ActionIds();
  const blocks: KnownBlock[] = [header(view.title)];
  if (view.problem) blocks.push(section(`${TONE_EMOJI.warning} ${escapeMrkdwn(view.problem)}`));
  if (view.didYouMean) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `Did you mean \`${escapeMrkdwn(view.didYouMean.command)}\`?` },
      accessory: intentButton({ label: 'Show its help', intent: view.didYouMean.intent }, ids),
    });
  }
  // Commands as lines, packed into as few sections as the 3,000-character limit allows.
  let text = '';
  for (const c of view.commands) {
    const line = `\`${escapeMrkdwn(c.usage)}\`  ${escapeMrkdwn(c.description)}${c.example ? ` _e.g._ \`${escapeMrkdwn(c.example)}\`` : ''}`;
    if (text.length + line.length + 1 > LIMITS.sectionText) {
      blocks.push(section(text));
      text = '';
    }
    text = text ? `${text}\n${line}` : line;
  }
  if (text) blocks.push(section(text));
  blocks.push(...actionBlocks(view.actions, [], ids));
  return { text: view.problem ? `${view.title}: ${view.problem}` : view.title, blocks: blocks.slice(0, LIMITS.messageBlocks) };
}
