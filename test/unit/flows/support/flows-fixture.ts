import { createFlows } from '../../../../src/flows';
import type { Actor, Intent } from '../../../../src/flows/intents';
import type { FlowResult, FormView, MessageView } from '../../../../src/flows/views';
import { FakeBackupService } from './fake-backup-service';
import { MemoryTrackedJobs } from '../../../support/memory-tracked-jobs';

export const ACTOR: Actor = { platform: 'test', userId: 'U1', displayName: 'Ada' };
export const PORTAL = 'https://portal.azure.com';

/** Flows on the fake BackupService with a settable clock. */
export function flowsFixture(start = new Date('2024-05-14T10:00:00Z')) {
  let now = start;
  const clock = () => now;
  const backup = new FakeBackupService(clock);
  const store = new MemoryTrackedJobs();
  const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
  const logger = {
    level: 'debug' as const,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (msg: string, fields?: Record<string, unknown>) => void logged.push({ msg, fields }),
    child() {
      return logger;
    },
  };
  let refCounter = 0;
  const flows = createFlows({ backup, trackedJobs: store, portalBaseUrl: PORTAL, now: clock, logger, newReference: () => `REF${++refCounter}` });
  return {
    backup,
    store,
    flows,
    logged,
    setNow: (d: Date) => {
      now = d;
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    handle: (intent: Intent) => flows.handle(intent, ACTOR),
  };
}

export function expectForm(r: FlowResult): FormView {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${r.kind}: ${JSON.stringify(r.view).slice(0, 400)}`);
  return r.view;
}

export function expectInvalid(r: FlowResult): { view: FormView; errors: { field: string; message: string; code: string }[] } {
  if (r.kind !== 'invalid') throw new Error(`expected invalid, got ${r.kind}: ${JSON.stringify(r.view).slice(0, 400)}`);
  return { view: r.view, errors: r.errors };
}

export function expectMessage<K extends MessageView['kind']>(r: FlowResult, kind: K): Extract<MessageView, { kind: K }> {
  if (r.kind !== 'message') throw new Error(`expected a message, got ${r.kind}: ${JSON.stringify(r.view).slice(0, 600)}`);
  if (r.view.kind !== kind) throw new Error(`expected ${kind}, got ${r.view.kind}: ${JSON.stringify(r.view).slice(0, 600)}`);
  return r.view as Extract<MessageView, { kind: K }>;
}

/** The form's submit intent with values filled in, as an adapter sends it. */
export function submit(form: FormView, values: Record<string, string | string[] | undefined>): Intent {
  return { ...form.submit.intent, values } as Intent;
}
