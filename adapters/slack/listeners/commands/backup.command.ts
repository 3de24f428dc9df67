import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { slackActor } from '../../actor';
import { commandKey, commandOrigin } from '../../idempotency';
import { answerBudgetMs, type SlackContext } from '../../slack-context';
import { commandToIntent } from '../../../../src/commands/command-parser';
import { mayOpenForm } from '../../../../src/flows/intents';
import type { Where } from '../../where';

export const BACKUP_COMMAND = '/backup';

/**
 * `/backup <text>`: acknowledged at once (Slack waits 3 s), then parsed and run by the flows;
 * the answer opens a modal (trigger id), or goes to the person or the channel (src/access/audience.ts).
 */
export function backupCommand(ctx: SlackContext) {
  return async ({ ack, command }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    await ctx.ackFirst.turn();
    if (!(await ctx.deps.claimEvent(commandKey(command.trigger_id)))) {
      ctx.deps.logger.info('slack: repeated slash command ignored', { trigger: command.trigger_id });
      return;
    }
    const text = command.text ?? '';
    const where: Where = {
      userId: command.user_id,
      channel: command.channel_id,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
      origin: commandOrigin(command.trigger_id),
      asked: { text },
    };
    const work = ctx.deps.flows.handleText(text, slackActor({ id: command.user_id, name: command.user_name, team_id: command.team_id }, command.channel_id));
    await ctx.presenter.presentInTime(work, where, mayOpenForm(commandToIntent(text).type), answerBudgetMs(ctx.deps));
  };
}
