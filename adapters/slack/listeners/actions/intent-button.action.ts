import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { INTENT_ACTION_ID } from '../../../../cards/slack';
import { decodeIntent } from '../../slack-payload';
import { slackActor } from '../../actor';
import { actionKey } from '../../idempotency';
import { actorUser } from '../../interaction-where';
import { whereOfAction } from '../../interaction-where';
import { answerBudgetMs, type SlackContext } from '../../slack-context';
import { mayOpenForm } from '../../../../src/flows/intents';

export { INTENT_ACTION_ID };

/**
 * A button that carries an intent (action_id = intent type, value = the intent): acknowledged
 * at once, then run by the flows exactly as if the person had typed the command.
 */
export function intentButton(ctx: SlackContext) {
  return async ({ ack, body, action }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    await ctx.ackFirst.turn();
    // The button is read before its key is claimed: a foreign or broken one claims nothing.
    const intent = decodeIntent(action.value);
    const where = { ...whereOfAction(body, action.action_id), ...(intent ? { asked: { intent } } : {}) };
    if (!intent) {
      await ctx.presenter.tell(where, 'That button is from an older version of this app and no longer works. Run the command again to get a fresh one.');
      return;
    }
    if (!(await ctx.deps.claimEvent(actionKey(body.trigger_id, action.action_id)))) return;
    const work = ctx.deps.flows.handle(intent, slackActor(actorUser(body), where.channel));
    await ctx.presenter.presentInTime(work, where, mayOpenForm(intent.type), answerBudgetMs(ctx.deps));
  };
}
