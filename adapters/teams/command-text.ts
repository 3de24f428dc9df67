import { TurnContext, type Activity } from 'botbuilder';

/**
 * The command a person typed to the bot: the text without the @mention of the bot (Teams
 * channels and group chats require one) and without the HTML Teams may leave around it.
 * The `backup` prefix is optional; the command parser (src/commands) takes both forms.
 */
export function commandText(activity: Activity): string {
  const withoutMention = activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (withoutMention ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
