import type { FlowResultPresenter } from './flow-result.presenter';
import type { SlackDeps } from './slack-deps';
import type { SlackWeb } from './slack-web';

/** What every listener gets in `register(app, ctx)`: the deps and the Slack-side helpers built on them. */
export interface SlackContext {
  deps: SlackDeps;
  web: SlackWeb;
  presenter: FlowResultPresenter;
}
