import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context';
import { vmSuggestions } from './vm-suggestions.options';

export function register(app: App, ctx: SlackContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, vmSuggestions(ctx));
}
