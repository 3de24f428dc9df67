/**
 * The bot's messaging endpoint (the Azure Bot resource's "Messaging endpoint" is
 * https://<host>/api/messages). Apart from index.ts so the server can name it without loading the
 * Bot Framework SDK.
 */
export const MESSAGES_PATH = '/api/messages';
