import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../../cards/teams';

/** Teams answers an Action.Execute with a card that replaces the clicked one, or with a short message. */
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
const ERROR_RESPONSE = 'application/vnd.microsoft.error';
export const SEARCH_RESPONSE = 'application/vnd.microsoft.search.searchResponse';

export const cardResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: ADAPTIVE_CARD_CONTENT_TYPE,
  value: card as unknown as Record<string, unknown>,
});
export const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: MESSAGE_RESPONSE,
  value: text as unknown as Record<string, unknown>,
});
export const errorResponse = (statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse => ({
  statusCode,
  type: ERROR_RESPONSE,
  value: { code, message },
});
