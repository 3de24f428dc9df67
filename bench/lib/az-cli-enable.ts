/**
 * The Azure requests `az backup protection enable-for-vm` makes, as its source reads (Azure/azure-cli,
 * src/azure-cli/azure/cli/command_modules/backup/custom.py enable_protection_for_vm,
 * _get_protectable_item_for_vm, and custom_help.py track_backup_job / track_refresh_operation;
 * the sequence is written out in bench/docs/enable-protection-calls.md). The CLI enables one VM
 * per command, so enabling n VMs is n commands, one after the other. Pure: the bench and the
 * tests compare the bot's recorded calls with this count for the same work.
 */

export interface CliEnableWork {
  /** VMs enabled, one `az backup protection enable-for-vm` each. */
  vms: number;
  /** Whether the vault lists the VMs as protectable already (a discovery ran since they were created). */
  discovered: boolean;
  /** Polls of an asynchronous operation until it answers done (the CLI polls at once, then every second). */
  pollsPerOperation: number;
  /** Pages of the vault's protectable-items list (the CLI reads every page). */
  protectablePages?: number;
}

/** Each request as "METHOD what", in the order the CLI sends them. */
export function azCliEnableSequence(work: CliEnableWork): string[] {
  const pages = work.protectablePages ?? 1;
  const list = Array.from({ length: pages }, () => 'GET backupProtectableItems');
  const polls = (what: string): string[] => Array.from({ length: work.pollsPerOperation }, () => what);
  const out: string[] = [];
  for (let i = 0; i < work.vms; i++) {
    out.push('GET virtualMachines/{vm}', 'GET vaults/{vault}', 'GET backupPolicies/{policy}', ...list);
    // Not listed: refreshContainers and follow its Location (one refresh discovers every VM).
    if (!work.discovered && i === 0) out.push('POST refreshContainers', ...polls('GET backupFabrics/Azure/operationResults/{op}'));
    // The source lists once more after that `if`, refreshed or not.
    out.push(...list);
    out.push('PUT protectedItems/{item}', ...polls('GET backupOperations/{op}'), 'GET backupJobs/{job}');
  }
  return out;
}

export function azCliEnableCalls(work: CliEnableWork): number {
  return azCliEnableSequence(work).length;
}
