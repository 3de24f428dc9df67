/** The `backup` subcommands: one table for the parser's usage lines and the help view. */
export interface CommandSpec {
  name: string;
  usage: string;
  description: string;
  example: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'enable', usage: 'backup enable [vm]', description: 'Protect a VM: pick a vault in its region (or create one) and a policy.', example: 'backup enable web-01' },
  { name: 'vault', usage: 'backup vault', description: 'Create or pick a vault, set its policy and protect several VMs at once.', example: 'backup vault' },
  { name: 'policy', usage: 'backup policy [list|show <name>|create] [vault] | policy set <vm> [policy]', description: 'List, show or create backup policies of a vault; `policy set` moves a protected VM to another policy (shows old and new schedule and retention).', example: 'backup policy set web-01 Weekly-Sun' },
  { name: 'now', usage: 'backup now <vm>', description: 'Back up a protected VM now, kept until a date you choose.', example: 'backup now web-01' },
  { name: 'stop', usage: 'backup stop <vm> [delete-data]', description: 'Stop backing up a VM, keeping its recovery points (still billed), or deleting them with delete-data (asks you to type the VM name).', example: 'backup stop web-01' },
  { name: 'check', usage: 'backup check <vm>', description: 'Before protecting a VM: power state, VM agent, vault and policy that would apply, locks, and the configurations Azure Backup does not support, each passed, warned or failed with what to do.', example: 'backup check web-01' },
  { name: 'resume', usage: 'backup resume <vm> [policy]', description: 'Back up a VM again after its protection was stopped (data kept), with a policy of its vault.', example: 'backup resume web-01' },
  { name: 'undelete', usage: 'backup undelete <vm>', description: 'Bring back soft-deleted backup data (within 14 days of a stop with delete-data); then resume.', example: 'backup undelete web-01' },
  { name: 'status', usage: 'backup status [vm|vault]', description: 'Protection state, last backup, recovery points and next backup of a VM or vault.', example: 'backup status web-01' },
  { name: 'items', usage: 'backup items <vault>', description: 'A vault\'s backup items: protection state, last backup (how many days ago) and next scheduled run.', example: 'backup items rsv-prod-weu' },
  { name: 'jobs', usage: 'backup jobs [running|failed|last 24h]', description: 'Backup jobs across the vaults (default: the last 24 hours).', example: 'backup jobs failed' },
  { name: 'vms', usage: 'backup vms [search]', description: 'Find VMs by name, resource group or region, with their protection state.', example: 'backup vms web' },
  { name: 'coverage', usage: 'backup coverage [subscription <id>|rg <name>]', description: 'VMs no vault protects, by region, each with the vault that would protect them and an Enable backup button. VMs tagged to be left out are counted apart.', example: 'backup coverage rg rg-web-prod' },
  { name: 'admin', usage: 'backup admin [bind|unbind|bindings|grant|revoke|roles]', description: 'What this channel may see (bindings to subscriptions and resource groups) and who may do what (roles). `backup admin help` explains each.', example: 'backup admin bindings' },
  { name: 'audit', usage: 'backup audit [vm|@person] [since]', description: 'Who changed what in Azure or in the bot\'s settings, when, and how it went (admins).', example: 'backup audit web-01 7d' },
  { name: 'subscribe', usage: 'backup subscribe [subscription|rg|vault] <name> [pending] [jobs|failures] [coverage] [threaded]', description: 'Post to this channel: a digest of VMs waiting for their first backup, and backup jobs as they end (all, or failures only; `threaded`: in one thread a day), and a weekly coverage digest.', example: 'backup subscribe rsv-prod-weu failures' },
  { name: 'unsubscribe', usage: 'backup unsubscribe [name|all]', description: 'Stop notifications in this channel, for one scope or all.', example: 'backup unsubscribe rsv-prod-weu' },
  { name: 'subscriptions', usage: 'backup subscriptions', description: 'What this channel follows and gets.', example: 'backup subscriptions' },
  { name: 'health', usage: 'backup health', description: 'The scheduler: last and next run of each task, notifications waiting, last errors.', example: 'backup health' },
  { name: 'help', usage: 'backup help [command]', description: 'This list, or the usage of one command.', example: 'backup help policy' },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export function usageOf(name: string): string {
  return findCommand(name)?.usage ?? 'backup help';
}
