/** Any message view as a Slack message: one renderer per kind, chosen by a map (no if-chain). */
import type { MessageView } from '../../src/flows/views';
import { coverageMessage } from './coverage.blocks';
import { helpMessage } from './help.blocks';
import { jobListMessage } from './job-list.blocks';
import { jobStatusMessage } from './job-status.blocks';
import { noticeMessage } from './notice.blocks';
import { policyDetailMessage } from './policy-detail.blocks';
import { policyListMessage } from './policy-list.blocks';
import { preflightMessage } from './preflight.blocks';
import { protectionResultMessage } from './protection-result.blocks';
import type { SlackMessage } from './slack-message';
import { vaultItemsMessage } from './vault-items.blocks';
import { vaultStatusMessage } from './vault-status.blocks';
import { vaultsOverviewMessage } from './vaults-overview.blocks';
import { vmListMessage } from './vm-list.blocks';
import { vmStatusMessage } from './vm-status.blocks';

const RENDERERS: { [K in MessageView['kind']]: (view: Extract<MessageView, { kind: K }>) => SlackMessage } = {
  preflight: preflightMessage,
  help: helpMessage,
  notice: noticeMessage,
  'protection-result': protectionResultMessage,
  job: jobStatusMessage,
  'vm-status': vmStatusMessage,
  'vault-status': vaultStatusMessage,
  'vault-items': vaultItemsMessage,
  'vaults-overview': vaultsOverviewMessage,
  'vm-list': vmListMessage,
  'job-list': jobListMessage,
  'policy-list': policyListMessage,
  'policy-detail': policyDetailMessage,
  coverage: coverageMessage,
};

export function messageBlocks(view: MessageView): SlackMessage {
  // The map is exhaustive over kinds; the cast only re-links a view to its own kind's renderer.
  const render = RENDERERS[view.kind] as (v: MessageView) => SlackMessage;
  return render(view);
}
