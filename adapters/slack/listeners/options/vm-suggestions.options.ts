import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { suggestionOptions } from '../../../../cards/slack';
import { decodeFormMetadata } from '../../slack-payload';
import type { SlackContext } from '../../slack-context';
import { slackActor } from '../../actor';
import { actorUser } from '../../interaction-where';

/**
 * Type-ahead of an external select (the VM pickers): Slack asks for options on each keystroke
 * and waits 3 s. The flows answer from the local inventory (no Azure call); at most 100.
 * The field's source (region, protected or not) comes from the modal's private_metadata.
 */
export function vmSuggestions(ctx: SlackContext) {
  return async ({ ack, body }: AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>): Promise<void> => {
    const meta = decodeFormMetadata(body.view?.private_metadata);
    const source = meta && Object.prototype.hasOwnProperty.call(meta.sources, body.action_id) ? meta.sources[body.action_id] : undefined;
    if (!meta || !source) {
      await ack({ options: [] });
      return;
    }
    const options = await ctx.deps.flows.suggest(source, body.value ?? '', slackActor(actorUser(body), meta.channel));
    await ack(suggestionOptions(options));
  };
}
