/** Block Kit renderers: pure functions from the flows' view models to Slack JSON. */
export { messageBlocks } from './message.blocks';
export { formModal, fieldErrors, fieldIdOfBlock, searchBlockId, FORM_CALLBACK_PREFIX, type FormModalOptions } from './form.blocks';
export { suggestionOptions } from './options.blocks';
export type { SlackMessage } from './slack-message';
export { LINK_ACTION_ID } from './block-kit';
export {
  INTENT_ACTION_ID,
  encodeIntent,
  encodeFormMetadata,
  encodeModalContext,
  type FormMetadata,
  type ModalContext,
} from './intent-action';
export { decodeOptionValue, encodeOptionValue } from './option-value';
export { workingModal, outcomeModal, noticeModal } from './status-modal.blocks';
export { refreshPolicyModal, type OpenModal } from './form.blocks';
export { KEEP_FIELD_ID, POLICY_REFRESH_ON, withoutDisclosureValues } from './policy-disclosure';
export { SHARE_ACTION_ID, sharedMessage, withShareButton } from './share.blocks';
