/**
 * The Slack Web API calls the adapter makes, on one WebClient bound to the bot token and the
 * configured API URL (GovSlack and the tests' fake point it elsewhere), plus response_url posts.
 */
import { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { SlackMessage } from '../../cards/slack';
import type { SlackSettings } from './slack-deps';
import type { SlackMessageAddress } from './message-address';

/** The error code of a failed Web API call (`not_in_channel`, `hash_conflict`, ...), if it was one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** A workspace user group as the bot reads it: its id (`S…`, as in `<!subteam^S…>`) and its members. */
export interface SlackUserGroup {
  id: string;
  users: string[];
  /** A disabled group (Slack sets date_delete) no longer gives its members anything. */
  disabled: boolean;
}

export interface ResponseUrlMessage extends SlackMessage {
  response_type?: 'in_channel' | 'ephemeral';
  replace_original?: boolean;
}

export class SlackWeb {
  readonly client: webApi.WebClient;

  constructor(config: SlackSettings, logger: webApi.WebClientOptions['logger']) {
    this.client = new webApi.WebClient(config.botToken, {
      slackApiUrl: config.apiUrl,
      logger,
      // A failed call is reported to the person; retrying for minutes would leave them waiting.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    });
  }

  async identity(): Promise<{ botUserId?: string; botId?: string; team?: string }> {
    const r = await this.client.auth.test();
    return { botUserId: r.user_id, botId: r.bot_id, team: r.team };
  }

  async post(channel: string, message: SlackMessage): Promise<SlackMessageAddress> {
    const r = await this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    if (typeof r.ts !== 'string' || typeof r.channel !== 'string') throw new Error('chat.postMessage answered without channel and ts');
    return { channel: r.channel, ts: r.ts };
  }

  async update(address: SlackMessageAddress, message: SlackMessage): Promise<void> {
    await this.client.chat.update({ channel: address.channel, ts: address.ts, text: message.text, blocks: message.blocks });
  }

  async ephemeral(channel: string, user: string, message: SlackMessage): Promise<void> {
    await this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
  }

  async openModal(triggerId: string, view: ModalView): Promise<{ id: string }> {
    const r = await this.client.views.open({ trigger_id: triggerId, view });
    return { id: r.view?.id ?? '' };
  }

  async updateModal(viewId: string, view: ModalView, hash?: string): Promise<void> {
    await this.client.views.update({ view_id: viewId, view, ...(hash ? { hash } : {}) });
  }

  /** The workspace's user groups with their members (usergroups.list; needs the usergroups:read scope). */
  async userGroups(): Promise<SlackUserGroup[]> {
    const r = await this.client.usergroups.list({ include_users: true });
    return (r.usergroups ?? []).flatMap((g) => (g.id ? [{ id: g.id, users: g.users ?? [], disabled: (g.date_delete ?? 0) > 0 }] : []));
  }

  /** Removes the message a response_url belongs to (the only way to remove an ephemeral one). */
  async deleteOriginal(url: string): Promise<void> {
    await this.postToResponseUrl(url, { delete_original: true });
  }

  /** Posts to a response_url (valid 30 minutes, 5 times), which works where the bot is no member. */
  async respond(url: string, message: ResponseUrlMessage): Promise<void> {
    await this.postToResponseUrl(url, message);
  }

  private async postToResponseUrl(url: string, message: ResponseUrlMessage | { delete_original: true }): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`response_url answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
}
