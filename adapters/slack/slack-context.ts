import type { AckFirst } from './ack-first';
import type { FlowResultPresenter } from './flow-result.presenter';
import type { SlackDeps } from './slack-deps';
import type { SlackWeb } from './slack-web';

/** What every listener gets in `register(app, ctx)`: the deps and the Slack-side helpers built on them. */
export interface SlackContext {
  deps: SlackDeps;
  web: SlackWeb;
  presenter: FlowResultPresenter;
  /** Listeners await `ackFirst.turn()` between their ack and their work. */
  ackFirst: AckFirst;
}

/** See SlackDeps.answerBudgetMs. */
export const answerBudgetMs = (deps: SlackDeps): number => deps.answerBudgetMs ?? 2_000;
