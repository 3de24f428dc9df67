import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackContext } from '../../slack-context';
import { INTENT_ACTION_ID, intentButton } from './intent-button.action';
import { LINK_ACTION, linkButton } from './link-button.action';
import { POLICY_REFRESH_ACTION, policyRefresh } from './policy-refresh.action';
import { SHARE_ACTION_ID, shareButton } from './share.action';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
type ActionListener = (args: ActionArgs) => Promise<void>;

/**
 * One Bolt listener for every button, routing by action id. Bolt runs the middleware chain of
 * every registered listener for every request before the matching one acknowledges, so one
 * listener instead of four keeps that work (and the ack) close to a bare Bolt app's.
 */
export function register(app: App, ctx: SlackContext): void {
  const routes: [RegExp | string, ActionListener][] = [
    [INTENT_ACTION_ID, intentButton(ctx) as unknown as ActionListener],
    [LINK_ACTION, linkButton as unknown as ActionListener],
    [POLICY_REFRESH_ACTION, policyRefresh(ctx)],
    [SHARE_ACTION_ID, shareButton(ctx) as unknown as ActionListener],
  ];
  const matches = (id: RegExp | string, actionId: string): boolean => (typeof id === 'string' ? id === actionId : id.test(actionId));
  app.action<BlockAction>({ type: 'block_actions' }, (args) => {
    const route = routes.find(([id]) => matches(id, args.action.action_id));
    // No route: not acknowledged here; the receiver answers it as unhandled (slack-body.guard.ts).
    return route ? route[1](args) : Promise.resolve();
  });
}
