import type { InventoryVm } from '../inventory/inventory.types';
import type { OptionView } from './views';
import { powerWords, protectionWords } from './wording';

/** Slack caps option text and descriptions at 75 characters. */
export const OPTION_TEXT_MAX = 75;

export function clip(text: string, max = OPTION_TEXT_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A VM as a type-ahead option: the name, and region, resource group, power and protection as hints. */
export function vmOption(entry: InventoryVm): OptionView {
  const { vm } = entry;
  return {
    value: vm.id,
    label: clip(vm.name),
    description: clip(`${vm.location} · ${vm.resourceGroup} · ${powerWords(vm.powerState)} · ${protectionWords(entry.protection?.state).text}`),
  };
}
