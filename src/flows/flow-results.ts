/**
 * The results a flow step returns, and the notices it answers with: a failure says what was
 * attempted, what was done and what was not.
 */
import { AzureError, DomainError } from '../domain/errors';
import type { FlowContext } from './flow-context';
import type { FieldError, FlowResult, FormView, MessageView, NoticeView, StepOutcome } from './views';

export const formResult = (view: FormView): FlowResult => ({ kind: 'form', view });
export const invalidResult = (view: FormView, errors: FieldError[]): FlowResult => ({ kind: 'invalid', view: { ...view, errors }, errors });
export const messageResult = (view: MessageView, placement: 'new' | 'replace' = 'new'): FlowResult => ({ kind: 'message', view, placement });

export function notice(tone: NoticeView['tone'], title: string, text: string, extra: Partial<Omit<NoticeView, 'kind' | 'tone' | 'title' | 'text'>> = {}): NoticeView {
  return { kind: 'notice', tone, title, text, actions: [], ...extra };
}

/** A safe sentence for an error: Azure's and the rules' messages are made to be shown; anything else is not. */
export function safeMessage(err: unknown): string | undefined {
  return err instanceof DomainError ? err.message : undefined;
}

/**
 * The notice for a failure: what was attempted, what was done and what was not. Azure and domain
 * errors are shown as they are; anything else becomes "something went wrong" with a reference
 * that the log line carries too.
 */
export function failureNotice(ctx: FlowContext, err: unknown, title: string, steps?: StepOutcome[], nothingChanged = true): NoticeView {
  const safe = safeMessage(err);
  const tail = steps?.some((s) => s.status === 'done') ? '' : nothingChanged ? ' Nothing was changed.' : '';
  if (safe !== undefined) {
    const code = err instanceof AzureError ? err.azureCode ?? err.code : (err as DomainError).code;
    ctx.logger.warn('flow step failed', { title, code });
    return notice('error', title, `${safe}${tail}`, { steps, facts: code ? [{ label: 'Error code', value: code }] : undefined });
  }
  const reference = ctx.newReference();
  ctx.logger.error('flow failed unexpectedly', { title, reference, err });
  return notice('error', title, `Something went wrong on our side.${tail} Quote reference ${reference} to your operators.`, { steps, reference });
}

/** Awaits a promise and turns a failure into a StepOutcome list entry, for plans of several steps. */
export async function runStep<T>(steps: StepOutcome[], step: string, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    const value = await fn();
    steps.push({ step, status: 'done' });
    return { ok: true, value };
  } catch (error) {
    steps.push({ step, status: 'failed', detail: safeMessage(error) ?? 'Something went wrong on our side.' });
    return { ok: false, error };
  }
}
