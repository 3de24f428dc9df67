/**
 * The platform-neutral flows: `createFlows(deps)` gives `handle(intent, actor)` -> FlowResult
 * (a form, field errors, or a message view), `suggest` for type-ahead, the job tracker and the
 * VM inventory. Intents: intents.ts. View models: views.ts. Command text: src/commands.
 */
export { createFlows, SUGGEST_LIMIT } from './create-flows';
export type { FlowDeps, Flows, JobTracker } from './flows.types';
export * from './intents';
export * from './views';
export type { JobContext } from './job-context';
export type { JobUpdate, MessageAddress, TrackedJob, TrackedJobStore } from './job-tracker.port';
export type { NotificationsPort } from './notifications.port';
export { jobView, jobLine } from './job-view';
export type { JobViewOptions } from './job-view';
export { parseIntent } from './intent.schema';
export { CONFIRM_VM_FIELD } from './stop.flow';
export { parseCommand, commandToIntent } from '../commands/command-parser';
export type { ParseResult, ParseError } from '../commands/command-parser';
