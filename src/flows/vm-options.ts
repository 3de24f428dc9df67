import type { InventoryVm } from '../inventory/inventory.types';
import type { OptionView } from './views';
import { agentWords, powerWords, protectionWords } from './wording';

/** Slack caps option text and descriptions at 75 characters. */
export const OPTION_TEXT_MAX = 75;

export function clip(text: string, max = OPTION_TEXT_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A VM as a type-ahead option: the name, and power, agent, protection, region and resource group
 * as hints (the first are what decides a pick; a long group name is what gets clipped).
 */
export function vmOption(entry: InventoryVm): OptionView {
  const { vm } = entry;
  return {
    value: vm.id,
    label: clip(vm.name),
    description: clip(`${powerWords(vm.powerState)} · ${agentWords(vm.agent)} · ${protectionWords(entry.protection?.state).text} · ${vm.location} · ${vm.resourceGroup}`),
  };
}
