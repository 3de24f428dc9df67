import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  fieldErrors,
  formModal,
  noticeModal,
  outcomeModal,
  withoutDisclosureValues,
  workingModal,
  type FormMetadata,
} from '../../../../cards/slack';
import { within } from '../../../../src/util/within';
import type { SubmitIntent } from '../../../../src/flows/intents';
import type { FlowResult } from '../../../../src/flows/views';
import { slackActor } from '../../actor';
import { actorUser } from '../../interaction-where';
import { formValuesOf, type ViewStateValues } from '../../form-state';
import { decodeFormMetadata } from '../../slack-payload';
import { answerBudgetMs, type SlackContext } from '../../slack-context';
import type { Where } from '../../where';


type Ack = SlackViewMiddlewareArgs<ViewSubmitAction>['ack'];

/**
 * Submission of a form modal. The form's submit intent (private_metadata) is sent to the flows
 * with the inputs as values. Slack waits 3 s for the answer: when the flows answer in time,
 * field errors go back inline (`response_action: 'errors'`), a next step replaces the form and
 * a message closes it; when they take longer (Azure work), the modal says "working on it" and
 * is updated once the work ends. Whether a submission that changes something runs (again) is the
 * guarded flows' decision alone (one effect per identical request, whoever submits it); Slack does
 * not retry view submissions, so there is no redelivery to filter here.
 */
export function formSubmission(ctx: SlackContext) {
  const budget = answerBudgetMs(ctx.deps);

  return async ({ ack, body, view }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const meta = decodeFormMetadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'update', view: noticeModal('Form out of date', 'warning', 'This form comes from an older version of the app. Close it and run the command again; nothing was changed.') });
      return;
    }
    const values = withoutDisclosureValues(formValuesOf(view.state.values as ViewStateValues));
    // The intent type is the form's own (from our metadata); only the values are the person's.
    const intent = { ...meta.submit, values } as SubmitIntent;
    const origin = meta.origin ?? `view:${view.id}`;
    const where: Where = { userId: body.user.id, channel: meta.channel, viewId: view.id, origin, asked: { intent } };
    const ctxOf = { channel: meta.channel, origin };

    const work = ctx.deps.flows.handle(intent, slackActor(actorUser(body), meta.channel));
    const early = await within(work, budget);
    if (early) {
      const shown = new Set(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
      await answerInTime(ctx, ack, early, meta, where, shown);
      return;
    }
    await ack({ response_action: 'update', view: workingModal(view.title.text, ctxOf) });
    await finishLate(ctx, await work, meta, where, view.title.text);
  };
}

async function answerInTime(ctx: SlackContext, ack: Ack, result: FlowResult, meta: FormMetadata, where: Where, shownFields: Set<string | undefined>): Promise<void> {
  const modalOptions = { channel: meta.channel, origin: where.origin };
  switch (result.kind) {
    case 'invalid': {
      const errors = fieldErrors(result.view, result.errors);
      // Slack shows `errors` only under input blocks of the open modal; any other error (a field
      // the modal hides, or none) needs the form re-rendered with the errors in it.
      const allOnFields = result.errors.length > 0 && result.errors.every((e) => shownFields.has(e.field) && errors[e.field] !== undefined);
      if (allOnFields) {
        await ack({ response_action: 'errors', errors });
      } else {
        await ack({ response_action: 'update', view: formModal({ ...result.view, errors: result.errors }, { ...modalOptions, inlineErrors: true }) });
      }
      return;
    }
    case 'form':
      await ack({ response_action: 'update', view: formModal(result.view, modalOptions) });
      return;
    case 'message':
      await ack({ response_action: 'clear' });
      await ctx.presenter.showMessage(result.view, 'new', { ...where, viewId: undefined }, result.track);
      return;
  }
}

async function finishLate(ctx: SlackContext, result: FlowResult, meta: FormMetadata, where: Where, title: string): Promise<void> {
  const modalOptions = { channel: meta.channel, origin: where.origin };
  const viewId = where.viewId as string;
  switch (result.kind) {
    case 'invalid':
      await ctx.web.updateModal(viewId, formModal({ ...result.view, errors: result.errors }, { ...modalOptions, inlineErrors: true }));
      return;
    case 'form':
      await ctx.web.updateModal(viewId, formModal(result.view, modalOptions));
      return;
    case 'message':
      // The outcome goes to the channel and into the modal the person is still looking at.
      await ctx.presenter.showMessage(result.view, 'new', { ...where, viewId: undefined }, result.track);
      await ctx.web.updateModal(viewId, outcomeModal(title, result.view, modalOptions));
      return;
  }
}
