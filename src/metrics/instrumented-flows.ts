import { parseAccessCommand } from '../access/access-commands';
import { commandToIntent } from '../commands/command-parser';
import type { Flows } from '../flows/flows.types';
import type { Logger } from '../log';
import { InFlight } from '../util/in-flight';
import type { BotMetrics } from './bot-metrics';

/** The intent label of a typed command: the parser's intent type, or 'access' for grants and revokes. */
function textIntent(text: unknown): string {
  if (typeof text !== 'string') return 'unreadable';
  const bounded = text.slice(0, 4000);
  return parseAccessCommand(bounded, new Date()) !== undefined ? 'access' : commandToIntent(bounded).type;
}

export interface InstrumentedFlows {
  flows: Flows;
  /**
   * Resolves once every command being handled has finished (Slack's are acknowledged before their
   * work), or after `timeoutMs`; with how many were still running. For shutdown, before Azure and
   * the store close under them.
   */
  settled(timeoutMs: number): Promise<number>;
}

/**
 * The flows, timed per intent for /metrics, with one log line per command handled (it carries the
 * request id, like every line written while the command runs), and the commands in flight kept
 * so shutdown can wait for them.
 */
export function instrumentFlows(flows: Flows, metrics: BotMetrics, logger: Logger): InstrumentedFlows {
  const log = logger.child({ component: 'flows' });
  const running = new InFlight();
  const timed = <T>(intent: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    return running.track(
      run().finally(() => {
        const seconds = (performance.now() - started) / 1000;
        metrics.flow(intent, seconds);
        log.info('command handled', { intent, ms: Math.round(seconds * 1000) });
      }),
    );
  };
  return {
    flows: {
      ...flows,
      handle: (intent, actor) => timed(typeof intent?.type === 'string' ? intent.type : 'unreadable', () => flows.handle(intent, actor)),
      handleText: (text, actor) => timed(textIntent(text), () => flows.handleText(text, actor)),
    },
    settled: (timeoutMs) => running.settled(timeoutMs),
  };
}
