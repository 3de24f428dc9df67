import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { KEEP_FIELD_ID, POLICY_REFRESH_ON, refreshPolicyModal } from '../../../../cards/slack';
import { POLICY_FORM_DEFAULTS, policyFields } from '../../../../src/flows/policy-form';
import { formValuesOf, type ViewStateValues } from '../../form-state';
import type { SlackContext } from '../../slack-context';
import { slackErrorCode } from '../../slack-web';

/** The policy form's frequency radio and "Also keep" checkboxes (dispatch_action inputs). */
export const POLICY_REFRESH_ACTION = new RegExp(`^(${POLICY_REFRESH_ON.join('|')})$`);

/**
 * Re-renders the policy modal when the frequency or the retention rules change, so that only
 * the fields that apply are shown. Reads nothing from Azure; the person's values are kept.
 */
export function policyRefresh(ctx: SlackContext) {
  return async ({ ack, body }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>): Promise<void> => {
    await ack();
    await ctx.ackFirst.turn();
    const view = body.view;
    if (!view) return;
    const values = formValuesOf(view.state?.values as ViewStateValues | undefined);
    const keepValue = values[KEEP_FIELD_ID];
    const keep = Array.isArray(keepValue) ? keepValue : keepValue ? [keepValue] : [];
    // Fields newly shown start from the form's defaults; the person's values win.
    const fields = policyFields({ ...POLICY_FORM_DEFAULTS, ...values });
    const next = refreshPolicyModal(
      {
        title: view.title,
        submit: view.submit ?? undefined,
        close: view.close ?? undefined,
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks as KnownBlock[],
      },
      fields,
      keep,
    );
    try {
      await ctx.web.updateModal(view.id, next, view.hash);
    } catch (error) {
      // A newer change already re-rendered the modal; that one is what the person sees.
      if (slackErrorCode(error) === 'hash_conflict') return;
      throw error;
    }
  };
}
