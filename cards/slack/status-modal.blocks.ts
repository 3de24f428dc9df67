/**
 * Modals that are not forms: "working on it" while a slow submission runs, the outcome once it
 * has (the same blocks as the channel message), and a short notice (a stale or repeated form).
 * Slack offers no way to close a modal except when answering its submission, so the outcome
 * replaces the form instead.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { MessageView, Tone } from '../../src/flows/views';
import { LIMITS, TONE_EMOJI, escapeMrkdwn, plain, section } from './block-kit';
import { encodeModalContext, type ModalContext } from './intent-action';
import { messageBlocks } from './message.blocks';

function modal(title: string, blocks: KnownBlock[], ctx: ModalContext): ModalView {
  const metadata = encodeModalContext(ctx);
  return {
    type: 'modal',
    callback_id: 'status',
    title: plain(title, LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalButton),
    ...(metadata ? { private_metadata: metadata } : {}),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}

/** `ctx`: where the wizard started, so buttons in these modals still answer in that channel. */
export function workingModal(title: string, ctx: ModalContext = {}): ModalView {
  return modal(title, [
    section(':hourglass_flowing_sand: *Working on it…*\nThis can take a minute. This window shows the result when it is done; you can close it, the result also comes in the conversation (to you alone when it concerns only you).'),
  ], ctx);
}

export function outcomeModal(title: string, view: MessageView, ctx: ModalContext = {}): ModalView {
  return modal(title, messageBlocks(view).blocks, ctx);
}

export function noticeModal(title: string, tone: Tone, text: string, ctx: ModalContext = {}): ModalView {
  return modal(title, [section(`${TONE_EMOJI[tone]} ${escapeMrkdwn(text)}`)], ctx);
}
