import { COMMANDS, findCommand } from '../commands/command-catalog';
import { didYouMean } from '../commands/did-you-mean';
import type { HelpIntent } from './intents';
import type { FlowResult, HelpView } from './views';
import { messageResult } from './flow-results';

/** `backup help [topic]`, an unknown command (with did-you-mean) or a command with bad arguments. */
export function helpFlow(intent: HelpIntent): FlowResult {
  const topic = intent.topic ? findCommand(intent.topic.toLowerCase()) : undefined;
  const shown = topic ? [topic] : COMMANDS;
  const view: HelpView = {
    kind: 'help',
    title: topic ? `backup ${topic.name}` : 'Azure VM backup: commands',
    commands: shown.map((c) => ({ usage: c.usage, description: c.description, example: c.example })),
    actions: topic ? [{ label: 'All commands', intent: { type: 'help' } }] : [
      { label: 'Protect a VM', intent: { type: 'enable.start' }, style: 'primary' },
      { label: 'Recent jobs', intent: { type: 'jobs.list' } },
      { label: 'Status', intent: { type: 'status' } },
    ],
  };
  const offer = (suggestion: string | undefined): void => {
    if (suggestion && findCommand(suggestion)) view.didYouMean = { command: `backup ${suggestion}`, intent: { type: 'help', topic: suggestion } };
  };
  if (intent.unknown !== undefined) {
    view.problem = `Unknown command "${intent.unknown.slice(0, 40)}".`;
    offer(intent.suggestion);
  } else if (intent.problem) {
    view.problem = intent.problem;
  } else if (intent.topic && !topic) {
    view.problem = `There is no command "${intent.topic.slice(0, 40)}".`;
    offer(didYouMean(intent.topic, COMMANDS.map((c) => c.name)));
  }
  return messageResult(view);
}
