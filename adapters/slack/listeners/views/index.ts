import type { App } from '@slack/bolt';
import { FORM_CALLBACK_PREFIX } from '../../../../cards/slack';
import type { SlackContext } from '../../slack-context';
import { formSubmission } from './form-submission.view';

export function register(app: App, ctx: SlackContext): void {
  app.view({ type: 'view_submission', callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX}`) }, formSubmission(ctx));
}
