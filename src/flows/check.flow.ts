/** `backup check <vm>`: the pre-flight checks for protecting one VM, read-only. */
import type { VirtualMachine } from '../domain/backup.types';
import type { CheckChooseVmIntent, CheckIntent } from './intents';
import type { FlowContext } from './flow-context';
import { formResult, invalidResult, messageResult } from './flow-results';
import { single } from './form-values';
import { checksSummary, checksTone, runPreflight } from './preflight-checks';
import { vmBackupLink, vmRef } from './resource-links';
import { resumeButton, undeleteButton } from './protected-vm';
import { resolveVm } from './resource-lookup';
import { clip, loadingPickedWords, vmOption, withLoadingSection } from './vm-options';
import { LOADING_NOTE_VALUE, type ButtonView, type FlowResult, type FormView, type OptionView, type PreflightView } from './views';
import { agentWords, powerWords } from './wording';

function vmForm(initial?: OptionView[]): FormView {
  return {
    kind: 'form',
    form: 'check.vm',
    title: 'Check a VM before backup',
    sections: ['Which VM should be checked? Type part of its name, resource group or region.'],
    fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01', ...(initial?.length ? { initialOptions: initial } : {}) }],
    submit: { label: 'Check', intent: { type: 'check.chooseVm', values: {} } },
  };
}

export async function checkStart(ctx: FlowContext, intent: CheckIntent): Promise<FlowResult> {
  if (!intent.vm) return formResult(withLoadingSection(ctx.inventory, vmForm()));
  const found = await resolveVm(ctx, intent.vm);
  if (found.kind === 'one') return checkVm(ctx, found.value);
  if (found.kind === 'many') {
    const options = found.values.map((vm) => vmOption(ctx.inventory.get(vm.id) ?? { vm }));
    return formResult({ ...vmForm(options), errors: [{ field: 'vm', code: 'VM_AMBIGUOUS', message: `${found.values.length} VMs match "${clip(intent.vm, 40)}": pick one.` }] });
  }
  return formResult({ ...vmForm(), errors: [{ field: 'vm', code: 'VM_NOT_FOUND', message: `No VM matches "${clip(intent.vm, 40)}". Type part of its name, resource group or region.` }] });
}

export async function checkChooseVm(ctx: FlowContext, intent: CheckChooseVmIntent): Promise<FlowResult> {
  const id = single(intent.values, 'vm');
  if (!id) return invalidResult(vmForm(), [{ field: 'vm', code: 'VM_REQUIRED', message: 'Pick a VM: type part of its name and choose it from the list.' }]);
  if (id === LOADING_NOTE_VALUE) return invalidResult(withLoadingSection(ctx.inventory, vmForm()), [{ field: 'vm', code: 'VM_REQUIRED', message: loadingPickedWords(ctx.inventory.progress()) }]);
  const found = await resolveVm(ctx, id);
  if (found.kind !== 'one') return invalidResult(vmForm(), [{ field: 'vm', code: 'VM_NOT_FOUND', message: 'That VM was not found (it may have been deleted). Pick another one.' }]);
  return checkVm(ctx, found.value);
}

async function checkVm(ctx: FlowContext, vm: VirtualMachine): Promise<FlowResult> {
  const report = await runPreflight(ctx, vm);
  const current = report.vm;
  const actions: ButtonView[] = report.protectedBy
    ? [{ label: 'Status', intent: { type: 'status', target: vm.id } }]
    : report.stopped
      ? [report.stopped.softDeleted ? undeleteButton(vm) : resumeButton(vm)]
      : report.blocked
      ? []
      : [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vm.id }, style: 'primary' }];
  actions.push({ label: 'Check again', intent: { type: 'check', vm: vm.id } });
  const view: PreflightView = {
    kind: 'preflight',
    vm: { ...vmRef(current), powerText: powerWords(current.powerState), agentText: agentWords(current.agent) },
    tone: checksTone(report.checks),
    title: report.blocked ? `${vm.name} cannot be protected as it is` : `Pre-flight check of ${vm.name}`,
    summary: checksSummary(report.checks),
    checks: report.checks,
    actions,
    links: [vmBackupLink(ctx, vm.id)],
  };
  return messageResult(view);
}
