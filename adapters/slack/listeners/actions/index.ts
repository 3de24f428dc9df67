import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackContext } from '../../slack-context';
import { INTENT_ACTION_ID, intentButton } from './intent-button.action';
import { LINK_ACTION, linkButton } from './link-button.action';
import { POLICY_REFRESH_ACTION, policyRefresh } from './policy-refresh.action';
import { SHARE_ACTION_ID, shareButton } from './share.action';

export function register(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: INTENT_ACTION_ID }, intentButton(ctx));
  app.action({ type: 'block_actions', action_id: LINK_ACTION }, linkButton);
  app.action<BlockAction>({ type: 'block_actions', action_id: POLICY_REFRESH_ACTION }, policyRefresh(ctx));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: SHARE_ACTION_ID }, shareButton(ctx));
}
