/**
 * The flows behind access control: `createGuardedFlows` gives the same `Flows` the adapters
 * already call, and checks every action before it runs:
 *
 * 1. the payload and the actor are read again (an adapter bug or a forged payload gets a clear
 *    notice, never a crash);
 * 2. the person's role (configuration, grants to them and to their groups) must cover what the
 *    action needs (INTENT_RULES);
 * 3. the channel's scope (its bindings, or the default) must cover every resource the action
 *    names; the flows then run on a BackupService and inventory that only see that scope, so
 *    lists, pickers and status are filtered too;
 * 4. a change is counted by the per-person rate limit when costly, then claimed once by its
 *    exact inputs (retries, redeliveries, double clicks, two people on one card: one effect; the
 *    others are told who did it and when), and written to the audit log with its outcome. This
 *    claim is the only one: adapters keep none of their own, so a refused or failed request never
 *    blocks the same request later (a failure, or a run that never finished, may be run again).
 *
 * Typed `backup admin ...` and `backup audit ...` commands are handled here too.
 */
import { z } from 'zod';
import { AUDIT_LOG_MESSAGE, auditLogFields } from '../audit/audit-log-line';
import type { AuditSink, NewAuditRecord } from '../audit/audit.types';
import { effectDetail, effectOutcome, effectSummary, resultResourceIds } from '../audit/effect-outcome';
import { commandToIntent } from '../commands/command-parser';
import type { AccessConfig } from '../config/config.types';
import { createFlows } from '../flows/create-flows';
import { defaultReference } from '../flows/flow-context';
import { messageResult, notice } from '../flows/flow-results';
import type { FlowDeps, Flows } from '../flows/flows.types';
import { parseIntent } from '../flows/intent.schema';
import type { Actor, Intent } from '../flows/intents';
import type { FlowResult, OptionView, SuggestSource } from '../flows/views';
import { silentLogger, type Logger } from '../log';
import type { StoreDb } from '../store';
import { claimEffect, findEffect, finishEffect, releaseEffect, type EffectClaim } from '../store/repositories/access-effects.repository';
import { appendAuditEntry } from '../store/repositories/audit-log.repository';
import { parseAccessCommand, type AccessCommand } from './access-commands';
import { createAccessDirectory, identityOf, type AccessDirectory, type Identity } from './access-directory';
import { duplicateNotice, outOfScopeNotice, rateLimitNotice, roleRefusal, unboundNotice, unreadableNotice } from './access-notices';
import { adminHelp, runAdminCommand } from './admin-commands.flow';
import { covers, coversId, isNothing, outOfScopeError, placeWords, scopeKey, type ChannelScope } from './channel-scope';
import { effectKey } from './effect-key';
import { namedResources } from './intent-resources';
import { createPickerAccess } from './picker-access';
import { requirementOf, ruleOfCommand, ruleOfIntent, type ActionRule } from './intent-policy';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { satisfies } from './roles';
import { scopedBackupService } from './scoped-backup.service';
import { scopedInventory } from './scoped-inventory';

export interface GuardedFlowsDeps {
  /** What createFlows takes; its backup service and inventory are the unscoped ones. */
  flows: FlowDeps;
  db: StoreDb;
  /** config.access */
  access: AccessConfig;
  /** Where audit entries go; default the store's audit_log. */
  audit?: AuditSink;
  logger?: Logger;
  /** Default: flows.now, else the system clock. */
  now?: () => Date;
  /** A run that started longer ago than this and never finished (the process stopped) no longer blocks its repeat. Default 30 min. */
  staleAfterMs?: number;
}

/** How many scoped flow instances are kept (one per distinct set of bindings in use). */
const SCOPED_CACHE = 200;

const actorSchema = z.object({
  platform: z.string().trim().min(1).max(40),
  userId: z.string().trim().min(1).max(200),
  displayName: z.string().max(200).optional(),
  workspaceId: z.string().max(200).optional(),
  channelId: z.string().max(400).optional(),
  groups: z.array(z.string().max(200)).max(1000).optional(),
});

/** The flows with access control, rate limit, idempotency and audit (see the file comment). */
export function createGuardedFlows(deps: GuardedFlowsDeps): Flows {
  const logger = (deps.logger ?? deps.flows.logger ?? silentLogger).child({ component: 'access' });
  const now = deps.now ?? deps.flows.now ?? (() => new Date());
  const base = createFlows(deps.flows);
  const directory = createAccessDirectory(deps.db, deps.access);
  // Type-ahead only: actions read the directory (the store) every time.
  const pickerAccess = createPickerAccess(directory);
  const audit: AuditSink = deps.audit ?? { append: async (entry) => void (await appendAuditEntry(deps.db, entry)) };
  const limiter: RateLimiter = createRateLimiter({ db: deps.db, limit: deps.access.costlyActions.limit, windowMs: deps.access.costlyActions.windowMinutes * 60_000, now });
  const staleAfterMs = deps.staleAfterMs ?? 30 * 60_000;

  const scoped = new Map<string, Flows>();
  const flowsFor = (scope: ChannelScope): Flows => {
    if (scope.kind === 'all') return base;
    const key = scopeKey(scope);
    let flows = scoped.get(key);
    if (!flows) {
      flows = createFlows({
        ...deps.flows,
        backup: scopedBackupService(deps.flows.backup, scope),
        inventory: scopedInventory(base.inventory, scope),
      });
      if (scoped.size >= SCOPED_CACHE) scoped.delete(scoped.keys().next().value as string);
      scoped.set(key, flows);
    }
    return flows;
  };

  const auditLines = logger.child({ component: 'audit' });
  const write = async (entry: NewAuditRecord): Promise<void> => {
    let stored = true;
    try {
      await audit.append(entry);
    } catch (err) {
      // The action happened; not being able to record it must not hide its outcome from the person.
      stored = false;
      logger.error('audit: entry not stored', { action: entry.action, summary: entry.summary, outcome: entry.outcome, err });
    }
    auditLines.info(AUDIT_LOG_MESSAGE, auditLogFields(entry, stored));
  };
  const auditActor = (who: Identity): NewAuditRecord['actor'] => ({
    platform: who.platform,
    workspaceId: who.workspaceId,
    channelId: who.channelId,
    userId: who.userId,
    ...(who.userName ? { userName: who.userName } : {}),
  });
  const denied = (who: Identity, action: string, summary: string, reason: string, resourceIds: string[]): Promise<void> =>
    write({ at: now(), actor: auditActor(who), action, summary, outcome: 'denied', detail: reason, resourceIds });

  /** Role check: undefined when allowed, else the refusal (and, for changes, its audit entry). */
  const checkRole = async <T>(who: Identity, rule: ActionRule<T>, action: T, name: string, summary: () => string, resourceIds: string[] = []): Promise<FlowResult | undefined> => {
    const needed = requirementOf(rule, action);
    if (needed === 'anyone') return undefined;
    const standing = await directory.standingOf(who);
    if (satisfies(standing.role, needed)) return undefined;
    if (rule.changes) await denied(who, name, summary(), `needs the ${needed} role; has ${standing.role ?? 'none'}`, resourceIds);
    return messageResult(roleRefusal(rule.what, needed, standing.role, await directory.adminsOf(who.platform, who.workspaceId)));
  };

  const mayRedo = (rule: ActionRule<Intent>) => (existing: EffectClaim): boolean => {
    const t = now().getTime();
    if (!existing.finishedAt) return t - existing.startedAt.getTime() > staleAfterMs;
    if (existing.outcome !== 'succeeded') return true;
    return t - existing.finishedAt.getTime() > (rule.repeatWindowMs ?? 0);
  };

  const guardedIntent = async (intent: Intent, actor: Actor, who: Identity): Promise<FlowResult> => {
    const rule = ruleOfIntent(intent);
    const summaryOf = () => effectSummary(intent, undefined, now());
    const named = namedResources(intent);
    const refusedRole = await checkRole(who, rule, intent, intent.type, summaryOf, named.ids);
    if (refusedRole) return refusedRole;

    let scope: ChannelScope = { kind: 'all' };
    if (rule.scoped) {
      const channel = await directory.scopeOf(who);
      if (isNothing(channel.scope)) {
        if (rule.changes) await denied(who, intent.type, summaryOf(), 'channel not bound to any scope', named.ids);
        return messageResult(unboundNotice());
      }
      const outsideId = named.ids.find((id) => !coversId(channel.scope, id));
      const outsidePlace = named.places.find((p) => !covers(channel.scope, p));
      if (outsideId || outsidePlace) {
        const reason = outsideId
          ? outOfScopeError(outsideId.split('/').filter(Boolean).pop() ?? outsideId, outsideId).message
          : `${placeWords(outsidePlace as NonNullable<typeof outsidePlace>)} is not bound to this channel, so nothing can be created there from here. An admin can bind it with \`backup admin bind\`.`;
        if (rule.changes) await denied(who, intent.type, summaryOf(), reason, named.ids);
        return messageResult(outOfScopeNotice(rule.what, reason));
      }
      scope = channel.scope;
    }
    const flows = flowsFor(scope);
    if (!rule.changes) return flows.handle(intent, actor);

    // One effect per identical request, whoever sends it and however often; decided here only,
    // after the checks above, so a refused or failed request never blocks the next one.
    const key = rule.perChannel ? `${effectKey(intent)}:${who.platform}:${who.workspaceId}:${who.channelId}` : effectKey(intent);
    const redo = mayRedo(rule);
    // A request already done or under way is answered from its claim and costs no rate-limit count.
    const standing = await findEffect(deps.db, key);
    if (standing && !redo(standing)) return messageResult(duplicateNotice(standing, who, now()));
    const person = `${who.platform}:${who.workspaceId}:${who.userId}`;
    if (rule.costly) {
      // Counted before the claim: a person over the limit claims nothing, so the same request
      // from someone else (a shared card, the same default date) still runs.
      const taken = await limiter.take(person);
      if (!taken.ok) {
        await denied(who, intent.type, summaryOf(), `rate limit: ${taken.limit} costly actions per ${taken.windowMs / 60_000} min`, named.ids);
        return messageResult(rateLimitNotice(taken.limit, taken.windowMs, taken.retryAt, now()));
      }
    }
    const claimed = await claimEffect(deps.db, { key, action: intent.type, actor: auditActor(who), at: now() }, redo);
    if (!claimed.claimed) {
      // Someone else claimed it between the read and the claim: nothing runs for this person, so
      // their count goes back.
      if (rule.costly) await limiter.giveBack(person).catch((err: unknown) => logger.warn('access: could not give back a rate-limit count', { err }));
      return messageResult(duplicateNotice(claimed.existing, who, now()));
    }
    const claim = claimed.claim;

    // From here on the action has run: a store failure is logged, and the person still gets its result.
    const settle = async (what: string, step: () => Promise<void>): Promise<void> => {
      try {
        await step();
      } catch (err) {
        logger.error(`access: could not ${what}`, { action: intent.type, key: claim.key, err });
      }
    };
    let result: FlowResult;
    try {
      result = await flows.handle(intent, actor);
    } catch (err) {
      // Whether Azure did anything is unknown: the claim ends as failed (so a retry runs) and the
      // audit log says so; the caller answers with a reference.
      const summary = effectSummary(intent, undefined, now());
      await settle('record how an effect ended', () => finishEffect(deps.db, claim, { outcome: 'failed', summary, at: now() }));
      await write({ at: now(), actor: auditActor(who), action: intent.type, summary, outcome: 'failed', detail: 'the bot failed while it ran; check in Azure what was done', resourceIds: named.ids });
      throw err;
    }
    const outcome = effectOutcome(result);
    if (outcome === 'none') {
      await settle('release an effect claim', () => releaseEffect(deps.db, claim));
      return result;
    }
    const summary = effectSummary(intent, result, now());
    const detail = effectDetail(result);
    await settle('record how an effect ended', () => finishEffect(deps.db, claim, { outcome, summary, at: now() }));
    await write({
      at: now(),
      actor: auditActor(who),
      action: intent.type,
      summary,
      outcome,
      ...(detail ? { detail } : {}),
      resourceIds: [...new Set([...named.ids, ...resultResourceIds(result)])],
    });
    return result;
  };

  const guardedCommand = async (command: AccessCommand, who: Identity): Promise<FlowResult> => {
    const rule = ruleOfCommand(command);
    const refused = await checkRole(who, rule, command, command.kind, () => command.kind);
    if (refused) return refused;
    try {
      return await runAdminCommand({ db: deps.db, directory, backup: deps.flows.backup, inventory: base.inventory, audit: { append: write }, now }, command, who);
    } finally {
      // Whatever it changed (a grant, a binding), the pickers of this process see it from the next keystroke.
      pickerAccess.invalidate();
    }
  };

  /** Reads the actor again: adapters build it from platform payloads that may be incomplete. */
  const readActor = (actor: unknown): Identity | undefined => {
    const parsed = actorSchema.safeParse(actor);
    return parsed.success ? identityOf(parsed.data) : undefined;
  };

  const failure = (err: unknown, what: string): FlowResult => {
    const reference = (deps.flows.newReference ?? defaultReference)();
    logger.error('access: action failed unexpectedly', { what, reference, err });
    return messageResult(notice('error', 'That did not work', `Something went wrong on our side. Nothing may have been changed; check before trying again. Quote reference ${reference} to your operators.`, { reference }));
  };

  const handle = async (intent: Intent, actor: Actor): Promise<FlowResult> => {
    try {
      const who = readActor(actor);
      if (!who) return messageResult(unreadableNotice('The chat platform did not say who you are.'));
      // Adapters parse payloads already; reading again costs little and keeps a bug there from reaching Azure.
      const parsed = parseIntent(intent);
      if (!parsed) return messageResult(unreadableNotice('That button or form is not one this version of the bot knows (it may be from an older version).'));
      return await guardedIntent(parsed, actor, who);
    } catch (err) {
      return failure(err, typeof intent === 'object' && intent && 'type' in intent ? String((intent as { type: unknown }).type) : 'unknown');
    }
  };

  const handleText = async (text: string, actor: Actor): Promise<FlowResult> => {
    try {
      if (typeof text !== 'string') return messageResult(unreadableNotice('The command had no text.'));
      const parsed = parseAccessCommand(text.slice(0, 4000), now());
      if (parsed === undefined) return await handle(commandToIntent(text.slice(0, 4000)), actor);
      const who = readActor(actor);
      if (!who) return messageResult(unreadableNotice('The chat platform did not say who you are.'));
      if (!parsed.ok) return adminHelp(`${parsed.problem} Usage: ${parsed.usage}`);
      return await guardedCommand(parsed.command, who);
    } catch (err) {
      return failure(err, 'command');
    }
  };

  const suggest = async (source: SuggestSource, query: string, actor?: Actor): Promise<OptionView[]> => {
    try {
      // Without an actor the channel is unknown: only an installation where every channel sees
      // everything can answer (the embedded demo); otherwise nothing is offered.
      if (!actor) return deps.access.defaultChannelScope === 'all' ? await base.suggest(source, query) : [];
      const who = readActor(actor);
      if (!who) return [];
      // Kept for a few seconds (picker-access.ts): a keystroke does not read the store each time.
      const [standing, channel] = await Promise.all([pickerAccess.standingOf(who), pickerAccess.scopeOf(who)]);
      if (!satisfies(standing.role, 'viewer')) return [];
      if (isNothing(channel.scope)) return [];
      return await flowsFor(channel.scope).suggest(source, typeof query === 'string' ? query.slice(0, 200) : '');
    } catch (err) {
      logger.warn('access: suggestions failed', { err });
      return [];
    }
  };

  return { handle, handleText, suggest, jobs: base.jobs, inventory: base.inventory };
}

export type { AccessDirectory };
