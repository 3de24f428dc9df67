/**
 * The first step of the flows that act on one VM (enable, now, check): the VM named in the
 * command, or the picker, saying why when the name matches several VMs or none; and the picker's
 * answer, refused with the reason when it is empty, the loading note, or a VM that is gone.
 */
import type { VirtualMachine } from '../domain/backup.types';
import type { FlowContext } from './flow-context';
import { formResult, invalidResult } from './flow-results';
import type { FormValues } from './intents';
import { single } from './form-values';
import { resolveVm } from './resource-lookup';
import { clip, loadingPickedWords, vmOption, withLoadingSection } from './vm-options';
import { LOADING_NOTE_VALUE, type FlowResult, type FormView, type OptionView } from './views';

/** The flow's VM picker, optionally opened with these options. */
export type VmForm = (initial?: OptionView[]) => FormView;
type NextStep = (vm: VirtualMachine) => Promise<FlowResult>;

/** A command with or without a VM name: the next step for the one VM it names, or the picker. */
export async function vmFromCommand(ctx: FlowContext, typed: string | undefined, vmForm: VmForm, next: NextStep): Promise<FlowResult> {
  if (!typed) return formResult(withLoadingSection(ctx.inventory, vmForm()));
  const found = await resolveVm(ctx, typed);
  if (found.kind === 'one') return next(found.value);
  if (found.kind === 'many') {
    const options = found.values.map((vm) => vmOption(ctx.inventory.get(vm.id) ?? { vm }));
    return formResult({ ...vmForm(options), errors: [{ field: 'vm', code: 'VM_AMBIGUOUS', message: `${found.values.length} VMs match "${clip(typed, 40)}": pick one.` }] });
  }
  return formResult({ ...vmForm(), errors: [{ field: 'vm', code: 'VM_NOT_FOUND', message: `No VM matches "${clip(typed, 40)}". Type part of its name, resource group or region.` }] });
}

/** What a refused pick says: when nothing was picked, and when the picked VM is not there. */
export interface VmPickWords {
  required: string;
  notFound: string;
}

const PICK_WORDS: VmPickWords = {
  required: 'Pick a VM: type part of its name and choose it from the list.',
  notFound: 'That VM was not found (it may have been deleted). Pick another one.',
};

/** The picker's answer: the next step for the VM picked, or the picker again with the reason. */
export async function vmFromPicker(ctx: FlowContext, values: FormValues, vmForm: VmForm, next: NextStep, words: VmPickWords = PICK_WORDS): Promise<FlowResult> {
  const id = single(values, 'vm');
  if (!id) return invalidResult(vmForm(), [{ field: 'vm', code: 'VM_REQUIRED', message: words.required }]);
  if (id === LOADING_NOTE_VALUE) return invalidResult(withLoadingSection(ctx.inventory, vmForm()), [{ field: 'vm', code: 'VM_REQUIRED', message: loadingPickedWords(ctx.inventory.progress()) }]);
  const found = await resolveVm(ctx, id);
  if (found.kind !== 'one') return invalidResult(vmForm(), [{ field: 'vm', code: 'VM_NOT_FOUND', message: words.notFound }]);
  return next(found.value);
}
