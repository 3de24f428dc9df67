/**
 * Shows a FlowResult where the person is looking: a form opens or replaces a modal; a message goes
 * to the people it is for (src/access/audience.ts: the asker, privately, or the whole channel) or
 * replaces the message whose button was pressed; a job message is handed to the job tracker so it
 * updates in place. Every Slack refusal the person can fix
 * (bot not in the channel, an expired trigger) becomes a sentence to them, never silence.
 */
import { formModal, messageBlocks, outcomeModal, sharedMessage, withShareButton, workingModal, type SlackMessage } from '../../cards/slack';
import { audienceOf } from '../../src/access/audience';
import type { Flows } from '../../src/flows/flows.types';
import type { FlowResult, FormView, MessageView, TrackRequest } from '../../src/flows/views';
import type { Logger } from '../../src/log';
import { within } from '../../src/util/within';
import { SLACK_PLATFORM, encodeMessageRef, type SlackMessageAddress } from './message-address';
import { SlackWeb, slackErrorCode } from './slack-web';
import type { Where } from './where';

/** Errors that mean "the bot cannot post in this conversation" (not a member, or a DM between people). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** How to let the bot post in a conversation (the app's display name in manifest/slack/manifest.yaml). */
const INVITE = 'Invite me to this channel (`/invite @Azure Backup`)';

/** Title of the modal opened while slow work runs (Slack allows 24 characters). */
const WORKING_TITLE = 'Azure Backup';

export const text = (t: string): SlackMessage => ({ text: t, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t } }] });

export class FlowResultPresenter {
  constructor(
    private readonly web: SlackWeb,
    private readonly flows: Flows,
    private readonly logger: Logger,
  ) {}

  async present(result: FlowResult, where: Where): Promise<void> {
    switch (result.kind) {
      case 'form':
        await this.showForm(result.view, where);
        return;
      case 'invalid':
        await this.showForm({ ...result.view, errors: result.errors }, where);
        return;
      case 'message':
        await this.showMessage(result.view, result.placement, where, result.track);
        return;
    }
  }

  /**
   * Presents the result of work behind a command or button. A trigger id opens a modal only
   * within 3 s of the click, and Azure can take longer: when the work is late and `mayOpenForm`,
   * a "working on it" modal is opened while the trigger is still valid and the result replaces
   * it (a message result also goes to the channel, as always).
   */
  async presentInTime(work: Promise<FlowResult>, where: Where, mayOpenForm: boolean, budgetMs: number): Promise<void> {
    const early = await within(work, budgetMs);
    if (early) return this.present(early, where);
    if (!mayOpenForm || !where.triggerId || where.viewId) return this.present(await work, where);
    const modalContext = { channel: where.channel, origin: where.origin };
    let viewId: string | undefined;
    try {
      viewId = (await this.web.openModal(where.triggerId, workingModal(WORKING_TITLE, modalContext))).id || undefined;
    } catch (error) {
      // The trigger expired already: present() says so to the person once the work is done.
      this.logger.info('slack: could not open the working window', { code: slackErrorCode(error) });
    }
    const result = await work;
    if (!viewId) return this.present(result, where);
    if (result.kind === 'message') {
      await this.showMessage(result.view, result.placement, { ...where, triggerId: undefined }, result.track);
      // A window the person closed meanwhile is gone; the outcome is in the channel all the same.
      await this.web.updateModal(viewId, outcomeModal(WORKING_TITLE, result.view, modalContext)).catch((error: unknown) => {
        if (slackErrorCode(error) !== 'not_found') throw error;
      });
      return;
    }
    try {
      await this.present(result, { ...where, viewId, triggerId: undefined });
    } catch (error) {
      if (slackErrorCode(error) !== 'not_found') throw error;
      await this.tell(where, 'The window was closed before the form was ready, so it could not be shown. Nothing was changed; run the command again.');
    }
  }

  /** Opens the form in a new modal, or replaces the modal the person is in; its errors show inside it. */
  async showForm(view: FormView, where: Where): Promise<void> {
    const modal = formModal(view, { channel: where.channel, origin: where.origin });
    if (where.viewId) {
      await this.web.updateModal(where.viewId, modal);
      return;
    }
    if (!where.triggerId) {
      await this.tell(where, 'That step needs a window I can no longer open from here. Run the command again.');
      return;
    }
    try {
      await this.web.openModal(where.triggerId, modal);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'expired_trigger_id' || code === 'invalid_trigger_id') {
        await this.tell(where, 'Slack took the window away before I could open it (it allows 3 seconds). Run the command again.');
        return;
      }
      throw error;
    }
  }

  /**
   * Shows a message view to the people it is for (src/access/audience.ts): `replace` updates the
   * message whose button was pressed, where it is; otherwise an answer for the asker is ephemeral
   * (with Share in channel when it helps others) and a change is announced in the channel. A
   * `track`ed job message is registered so it follows the job. Returns where the bot posted it.
   */
  async showMessage(view: MessageView, placement: 'new' | 'replace', where: Where, track?: TrackRequest): Promise<SlackMessageAddress | undefined> {
    const message = messageBlocks(view);
    if (placement === 'replace' && where.ephemeral && where.responseUrl) {
      // Slack cannot chat.update an ephemeral message; its response_url replaces it.
      await this.web.respond(where.responseUrl, { ...message, replace_original: true });
      return undefined;
    }
    if (placement === 'replace' && where.message) {
      const replaced = await this.replace(where.message, message, where);
      if (track) await this.follow(track, replaced);
      return replaced;
    }
    const result: FlowResult = { kind: 'message', view, placement, ...(track ? { track } : {}) };
    const { audience, share } = where.asked ? audienceOf(where.asked, result) : { audience: 'channel' as const, share: undefined };
    if (audience === 'asker') {
      await this.ephemeral(where, share ? withShareButton(message, share) : message);
      return undefined;
    }
    const posted = await this.announce(message, where, track !== undefined);
    if (track) await this.follow(track, posted);
    return posted;
  }

  /**
   * Share in channel: the answer made again for the person who pressed it, posted for everyone
   * with who shared it, and the private copy removed. An answer that is no longer shareable
   * (a refusal now, say) goes to the person alone.
   */
  async share(result: FlowResult, where: Where): Promise<void> {
    if (result.kind !== 'message' || !where.asked || !audienceOf(where.asked, result).share) {
      if (result.kind === 'message') await this.ephemeral(where, messageBlocks(result.view));
      else await this.tell(where, 'That cannot be shared any more. Run the command again.');
      return;
    }
    await this.announce(sharedMessage(messageBlocks(result.view), where.userId), where, false);
    if (where.ephemeral && where.responseUrl) await this.web.deleteOriginal(where.responseUrl);
  }

  /** Keeps the posted job message up to date (announce already said why, when it could not be posted). */
  private async follow(track: TrackRequest, posted: SlackMessageAddress | undefined): Promise<void> {
    if (posted) await this.flows.jobs.track(track, { platform: SLACK_PLATFORM, messageRef: encodeMessageRef(posted) });
  }

  /** A short sentence to the person only (ephemeral), where they are. */
  async tell(where: Where, sentence: string): Promise<void> {
    await this.ephemeral(where, text(sentence));
  }

  async ephemeral(where: Where, message: SlackMessage): Promise<void> {
    if (where.responseUrl) {
      await this.web.respond(where.responseUrl, { ...message, response_type: 'ephemeral', replace_original: false });
      return;
    }
    if (where.channel) {
      try {
        await this.web.ephemeral(where.channel, where.userId, message);
        return;
      } catch (error) {
        if (!CANNOT_POST.has(slackErrorCode(error) ?? '')) throw error;
      }
    }
    // Last resort: the app's direct messages with the person.
    await this.web.post(where.userId, message);
  }

  private async replace(address: SlackMessageAddress, message: SlackMessage, where: Where): Promise<SlackMessageAddress | undefined> {
    try {
      await this.web.update(address, message);
      return address;
    } catch (error) {
      const code = slackErrorCode(error);
      // A message posted through a response_url is not the bot's to chat.update; its response_url can still replace it.
      if ((code === 'cant_update_message' || code === 'message_not_found' || (code !== undefined && CANNOT_POST.has(code))) && where.responseUrl) {
        await this.web.respond(where.responseUrl, { ...message, replace_original: true });
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Posts for everyone in the conversation. Where the bot is not a member (a private channel it
   * was not invited to, a DM between people: Slack answers `channel_not_found` or
   * `not_in_channel`) a command's response_url still reaches the conversation; without one (a
   * modal) the answer goes to the person's DM with the app. Either way the person is told to
   * invite the bot where it must post on its own (job updates, notifications).
   */
  private async announce(message: SlackMessage, where: Where, tracked: boolean): Promise<SlackMessageAddress | undefined> {
    const channel = where.channel ?? where.userId;
    try {
      return await this.web.post(channel, message);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === undefined || !CANNOT_POST.has(code)) throw error;
      this.logger.info('slack: cannot post in the conversation', { channel, code, through: where.responseUrl ? 'response_url' : 'direct message' });
      if (where.responseUrl) {
        await this.web.respond(where.responseUrl, { ...message, response_type: 'in_channel', replace_original: false });
        await this.tell(
          where,
          tracked
            ? `${INVITE} to see the job update here as it runs; \`/backup jobs running\` shows it meanwhile.`
            : `I am not a member of this conversation, so that answer came through Slack's reply to your command. ${INVITE} so that I can post here on my own (job updates, notifications).`,
        );
        return undefined;
      }
      const direct = await this.web.post(where.userId, message);
      await this.tell(where, `I could not post in that conversation because I am not a member of it, so the answer is here${tracked ? ' and follows the job here' : ''}. ${INVITE} there so that everyone sees what changed.`);
      return direct;
    }
  }
}
