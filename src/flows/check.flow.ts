/** `backup check <vm>`: the pre-flight checks for protecting one VM, read-only. */
import type { VirtualMachine } from '../domain/backup.types';
import type { CheckChooseVmIntent, CheckIntent } from './intents';
import type { FlowContext } from './flow-context';
import { messageResult } from './flow-results';
import { checksSummary, checksTone, runPreflight } from './preflight-checks';
import { vmBackupLink, vmRef } from './resource-links';
import { resumeButton, undeleteButton } from './protected-vm';
import { vmFromCommand, vmFromPicker } from './vm-step';
import { type ButtonView, type FlowResult, type FormView, type OptionView, type PreflightView } from './views';
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
  return vmFromCommand(ctx, intent.vm, vmForm, (vm) => checkVm(ctx, vm));
}

export async function checkChooseVm(ctx: FlowContext, intent: CheckChooseVmIntent): Promise<FlowResult> {
  return vmFromPicker(ctx, intent.values, vmForm, (vm) => checkVm(ctx, vm));
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
