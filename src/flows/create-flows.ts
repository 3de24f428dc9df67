import { commandToIntent } from '../commands/command-parser';
import { silentLogger } from '../log';
import { within } from '../util/within';
import { createVmInventory } from '../inventory/vm-inventory';
import { enableChoosePolicy, enableChooseVault, enableChooseVm, enableConfirm, enableDefinePolicy, enableStart } from './enable.flow';
import { defaultReference, type FlowContext } from './flow-context';
import { failureNotice, messageResult } from './flow-results';
import type { FlowDeps, Flows } from './flows.types';
import { helpFlow } from './help.flow';
import { failureTitle } from './intent-registry';
import type { Actor, Intent, IntentType } from './intents';
import { jobCancel, jobCancelAsk, jobRefresh } from './job-actions.flow';
import { items } from './items.flow';
import { createJobTracker } from './job-tracker';
import { jobsList, vmsList } from './lists.flow';
import { nowChooseVm, nowStart, nowSubmit } from './now.flow';
import { policyCreate, policyDefine, policyList, policyPickVault, policyShow } from './policy.flow';
import { checkChooseVm, checkStart } from './check.flow';
import { status } from './status.flow';
import { coverage } from './coverage.flow';
import { DEFAULT_EXCLUDE_TAG } from '../domain/exclude-tag.rule';
import { stopStart, stopSubmit } from './stop.flow';
import { resumeStart, resumeSubmit } from './resume.flow';
import { policySet, policySetChoose, policySetConfirm } from './policy-change.flow';
import { undelete } from './undelete.flow';
import { subscribe, subscribeSubmit, subscriptionsList, unsubscribe } from './subscription.flow';
import { health } from './health.flow';
import { vaultChoose, vaultChooseVms, vaultDefine, vaultDefinePolicy, vaultSettings, vaultStart } from './vault.flow';
import { loadingNote, vmOption } from './vm-options';
import type { FlowResult, OptionView, SuggestSource } from './views';

type Handler<K extends IntentType> = (ctx: FlowContext, intent: Extract<Intent, { type: K }>, actor: Actor) => Promise<FlowResult> | FlowResult;
type HandlerMap = { [K in IntentType]: Handler<K> };

/** One handler per intent type (see intent-registry.ts): dispatch by a map, never by an if-chain. */
const HANDLERS: HandlerMap = {
  help: (_ctx, intent) => helpFlow(intent),
  'vms.list': vmsList,
  'jobs.list': jobsList,
  'enable.start': enableStart,
  'enable.chooseVm': enableChooseVm,
  'enable.chooseVault': enableChooseVault,
  'enable.choosePolicy': enableChoosePolicy,
  'enable.definePolicy': enableDefinePolicy,
  'enable.confirm': enableConfirm,
  'vault.start': (ctx) => vaultStart(ctx),
  'vault.choose': vaultChoose,
  'vault.define': vaultDefine,
  'vault.settings': vaultSettings,
  'vault.definePolicy': vaultDefinePolicy,
  'vault.chooseVms': vaultChooseVms,
  'policy.list': policyList,
  'policy.show': policyShow,
  'policy.create': policyCreate,
  'policy.pickVault': policyPickVault,
  'policy.define': policyDefine,
  'now.start': nowStart,
  'now.chooseVm': nowChooseVm,
  'now.submit': nowSubmit,
  'stop.start': stopStart,
  'stop.submit': stopSubmit,
  'resume.start': resumeStart,
  'resume.submit': resumeSubmit,
  'policy.set': policySet,
  'policy.setChoose': policySetChoose,
  'policy.setConfirm': policySetConfirm,
  undelete,
  status,
  check: checkStart,
  'check.chooseVm': checkChooseVm,
  coverage,
  'job.refresh': jobRefresh,
  'job.cancel': jobCancel,
  'job.cancelAsk': jobCancelAsk,
  items,
  subscribe,
  'subscribe.submit': subscribeSubmit,
  unsubscribe,
  'subscriptions.list': subscriptionsList,
  health: (ctx) => health(ctx),
};

/** Options a type-ahead shows at most. */
export const SUGGEST_LIMIT = 50;
/** See FlowDeps.suggestWaitMs. */
const SUGGEST_WAIT_MS = 1_500;

/** The platform-neutral bot on its ports (see Flows). */
export function createFlows(deps: FlowDeps): Flows {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const inventory = deps.inventory ?? createVmInventory({ backup: deps.backup, logger: logger.child({ component: 'inventory' }), now });
  const ctx: FlowContext = {
    backup: deps.backup,
    inventory,
    now,
    portalBaseUrl: deps.portalBaseUrl.replace(/\/+$/, ''),
    logger,
    newReference: deps.newReference ?? defaultReference,
    excludeTag: deps.excludeTag ?? DEFAULT_EXCLUDE_TAG,
    ...(deps.notifications ? { notifications: deps.notifications } : {}),
  };
  const jobs = createJobTracker({ backup: deps.backup, store: deps.trackedJobs, now, portalBaseUrl: ctx.portalBaseUrl, inventory, logger: logger.child({ component: 'job-tracker' }) });

  const handle = async (intent: Intent, actor: Actor): Promise<FlowResult> => {
    const handler = HANDLERS[intent.type] as Handler<IntentType> | undefined;
    if (!handler) return helpFlow({ type: 'help', problem: 'That action is not known to this version of the bot.' });
    try {
      return await handler(ctx, intent as never, actor);
    } catch (err) {
      return messageResult(failureNotice(ctx, err, failureTitle(intent.type)));
    }
  };

  return {
    handle,
    handleText: (text, actor) => handle(commandToIntent(text), actor),
    async suggest(source: SuggestSource, query: string): Promise<OptionView[]> {
      // Nothing indexed yet: a small estate loads within the wait; a large one answers from the
      // pages indexed so far from the next keystroke on, saying so, instead of waiting each time.
      if (!inventory.loadedAt() && !inventory.progress()?.loaded) {
        try {
          if (!(await within(inventory.ready().then(() => true), deps.suggestWaitMs ?? SUGGEST_WAIT_MS))) {
            logger.info('suggest: the VM inventory is still loading; answering from what is loaded so far');
          }
        } catch (err) {
          logger.warn('suggest: inventory not loaded', { err });
          return [];
        }
      }
      const { kind: _kind, ...filter } = source;
      const options = (await inventory.searchSliced(query, { ...filter, limit: SUGGEST_LIMIT })).matches.map(vmOption);
      const progress = inventory.progress();
      return progress ? [loadingNote(progress), ...options] : options;
    },
    jobs,
    inventory,
  };
}
