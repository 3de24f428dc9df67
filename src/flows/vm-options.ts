import type { InventoryProgress, InventoryVm, VmInventory } from '../inventory/inventory.types';
import { LOADING_NOTE_VALUE, type FormView, type OptionView } from './views';
import { agentWords, loadingWords, powerWords, protectionWords } from './wording';

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

/**
 * The first option of a type-ahead answered while the first inventory load runs: what is loaded,
 * and that the matches come from it (Slack shows it as the options' group label; Teams as the
 * first entry, which the flows refuse with the same words if it is picked).
 */
export function loadingNote(progress: InventoryProgress): OptionView {
  return { value: LOADING_NOTE_VALUE, label: clip(loadingWords(progress)), description: 'Matches among the VMs loaded so far; type again for more.', note: true };
}

/** The words a pick of the loading note gets: the list is not complete yet. */
export function loadingPickedWords(progress: InventoryProgress | undefined): string {
  return `${progress ? loadingWords(progress) : 'The VM list is loading.'} Type part of the VM's name and pick the VM itself from the list.`;
}

/** A VM picker opened while the first inventory load runs says so above its field. */
export function withLoadingSection(inventory: Pick<VmInventory, 'progress'>, form: FormView): FormView {
  const progress = inventory.progress();
  if (!progress) return form;
  return { ...form, sections: [...(form.sections ?? []), `${loadingWords(progress)} Until it is complete, the list answers from the VMs loaded so far.`] };
}
