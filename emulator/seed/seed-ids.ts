import { vaultResourceId, vmResourceId } from '../state/resource-ids';

const PRODUCTION = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const DEV_TEST = '8f7e6d5c-4b3a-4c2d-9e1f-0a9b8c7d6e52';

export const SEED_REGIONS = ['westeurope', 'northeurope', 'eastus'] as const;
export type SeedRegion = (typeof SEED_REGIONS)[number];

/** The resource group holding the seeded vaults (subscription 1). */
export const VAULT_RESOURCE_GROUP = 'rg-backup';

const VAULT_NAMES: Record<SeedRegion, string> = {
  westeurope: 'rsv-prod-weu',
  northeurope: 'rsv-prod-neu',
  eastus: 'rsv-prod-eus',
};

/**
 * Notable ids of the built-in demo inventory, for tests in any folder. The inventory is
 * deterministic: the same ids exist on every start (unless the seed is `empty`).
 */
export const SEED = {
  subscriptions: { production: PRODUCTION, devTest: DEV_TEST },
  subscriptionIds: [PRODUCTION, DEV_TEST] as readonly string[],
  /** What ARM's GET /subscriptions calls them (displayName). */
  subscriptionNames: { [PRODUCTION]: 'Contoso Production', [DEV_TEST]: 'Contoso Dev/Test' } as Readonly<Record<string, string>>,
  /** The tenant the subscriptions belong to. */
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  regions: SEED_REGIONS,
  vaultResourceGroup: VAULT_RESOURCE_GROUP,
  vaultNames: VAULT_NAMES,
  /** One Recovery Services vault per region, all in subscription 1 / rg-backup. */
  vaultIds: {
    westeurope: vaultResourceId(PRODUCTION, VAULT_RESOURCE_GROUP, VAULT_NAMES.westeurope),
    northeurope: vaultResourceId(PRODUCTION, VAULT_RESOURCE_GROUP, VAULT_NAMES.northeurope),
    eastus: vaultResourceId(PRODUCTION, VAULT_RESOURCE_GROUP, VAULT_NAMES.eastus),
  } as Record<SeedRegion, string>,
  /** web-01 (Linux, westeurope): protected by the westeurope vault with DefaultPolicy, with completed backups and recovery points. */
  protectedVmId: vmResourceId(PRODUCTION, 'rg-web-prod', 'web-01'),
  protectedVmVaultId: vaultResourceId(PRODUCTION, VAULT_RESOURCE_GROUP, VAULT_NAMES.westeurope),
  protectedVmPolicyName: 'DefaultPolicy',
  /** legacy-01 (Linux, northeurope, running): created without the VM agent. */
  agentlessVmId: vmResourceId(PRODUCTION, 'rg-infra', 'legacy-01'),
  /** api-02 (Linux, northeurope): deallocated. */
  deallocatedVmId: vmResourceId(PRODUCTION, 'rg-app-prod', 'api-02'),
  /** web-02 (Linux, westeurope, running, agent ready): unprotected, in the same region as the westeurope vault. */
  unprotectedVmId: vmResourceId(PRODUCTION, 'rg-web-prod', 'web-02'),
  /** sql-01 (Windows, westeurope, running, agent ready): unprotected. */
  unprotectedWindowsVmId: vmResourceId(PRODUCTION, 'rg-data-prod', 'sql-01'),
  /** app-01 (Windows, northeurope, running): unprotected, in a different region than the westeurope vault. */
  otherRegionVmId: vmResourceId(PRODUCTION, 'rg-app-prod', 'app-01'),
  /** Resource id of a seeded VM by its name (names are unique across the seed). */
  vmId(name: string): string {
    const vm = SEED_VMS.find((v) => v.name === name);
    if (!vm) throw new Error(`no seeded VM named ${name}`);
    return vmResourceId(vm.subscriptionId, vm.resourceGroup, vm.name);
  },
};

export interface SeedVmSpec {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: SeedRegion;
  os: 'Windows' | 'Linux';
  power: 'running' | 'deallocated' | 'stopped';
  size: string;
  agent?: boolean;
  /** Tags besides environment and role (e.g. backup=exclude: left out of coverage on purpose). */
  tags?: Record<string, string>;
}

const P = PRODUCTION;
const D = DEV_TEST;

/** The hand-written part of the inventory: realistic names across groups, regions and both OSes. */
export const SEED_VMS: readonly SeedVmSpec[] = [
  { name: 'web-01', subscriptionId: P, resourceGroup: 'rg-web-prod', location: 'westeurope', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'web-02', subscriptionId: P, resourceGroup: 'rg-web-prod', location: 'westeurope', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'web-03', subscriptionId: P, resourceGroup: 'rg-web-prod', location: 'westeurope', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'web-04', subscriptionId: P, resourceGroup: 'rg-web-prod', location: 'westeurope', os: 'Windows', power: 'running', size: 'Standard_D4s_v5' },
  { name: 'lb-01', subscriptionId: P, resourceGroup: 'rg-web-prod', location: 'westeurope', os: 'Linux', power: 'running', size: 'Standard_B2s' },
  { name: 'sql-01', subscriptionId: P, resourceGroup: 'rg-data-prod', location: 'westeurope', os: 'Windows', power: 'running', size: 'Standard_E8s_v5' },
  { name: 'sql-02', subscriptionId: P, resourceGroup: 'rg-data-prod', location: 'westeurope', os: 'Windows', power: 'running', size: 'Standard_E8s_v5' },
  { name: 'redis-01', subscriptionId: P, resourceGroup: 'rg-data-prod', location: 'westeurope', os: 'Linux', power: 'running', size: 'Standard_E2s_v5' },
  { name: 'app-01', subscriptionId: P, resourceGroup: 'rg-app-prod', location: 'northeurope', os: 'Windows', power: 'running', size: 'Standard_D4s_v5' },
  { name: 'app-02', subscriptionId: P, resourceGroup: 'rg-app-prod', location: 'northeurope', os: 'Windows', power: 'running', size: 'Standard_D4s_v5' },
  { name: 'app-03', subscriptionId: P, resourceGroup: 'rg-app-prod', location: 'northeurope', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'api-01', subscriptionId: P, resourceGroup: 'rg-app-prod', location: 'northeurope', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'api-02', subscriptionId: P, resourceGroup: 'rg-app-prod', location: 'northeurope', os: 'Linux', power: 'deallocated', size: 'Standard_D2s_v5' },
  { name: 'dc-01', subscriptionId: P, resourceGroup: 'rg-infra', location: 'northeurope', os: 'Windows', power: 'running', size: 'Standard_B2ms' },
  { name: 'dc-02', subscriptionId: P, resourceGroup: 'rg-infra', location: 'northeurope', os: 'Windows', power: 'running', size: 'Standard_B2ms' },
  { name: 'jump-01', subscriptionId: P, resourceGroup: 'rg-infra', location: 'northeurope', os: 'Windows', power: 'running', size: 'Standard_B2s', tags: { backup: 'exclude' } },
  { name: 'legacy-01', subscriptionId: P, resourceGroup: 'rg-infra', location: 'northeurope', os: 'Linux', power: 'running', size: 'Standard_B1ms', agent: false },
  { name: 'etl-01', subscriptionId: P, resourceGroup: 'rg-analytics', location: 'eastus', os: 'Linux', power: 'running', size: 'Standard_F4s_v2' },
  { name: 'etl-02', subscriptionId: P, resourceGroup: 'rg-analytics', location: 'eastus', os: 'Linux', power: 'running', size: 'Standard_F4s_v2' },
  { name: 'spark-01', subscriptionId: P, resourceGroup: 'rg-analytics', location: 'eastus', os: 'Linux', power: 'deallocated', size: 'Standard_E16s_v5' },
  { name: 'report-01', subscriptionId: P, resourceGroup: 'rg-analytics', location: 'eastus', os: 'Windows', power: 'running', size: 'Standard_D4s_v5' },
  { name: 'web-us-01', subscriptionId: P, resourceGroup: 'rg-web-us', location: 'eastus', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'web-us-02', subscriptionId: P, resourceGroup: 'rg-web-us', location: 'eastus', os: 'Linux', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'sql-us-01', subscriptionId: P, resourceGroup: 'rg-web-us', location: 'eastus', os: 'Windows', power: 'running', size: 'Standard_E4s_v5' },
  { name: 'dev-web-01', subscriptionId: D, resourceGroup: 'rg-dev', location: 'westeurope', os: 'Linux', power: 'running', size: 'Standard_B2s' },
  { name: 'dev-sql-01', subscriptionId: D, resourceGroup: 'rg-dev', location: 'westeurope', os: 'Windows', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'dev-app-01', subscriptionId: D, resourceGroup: 'rg-dev', location: 'westeurope', os: 'Windows', power: 'deallocated', size: 'Standard_D2s_v5' },
  { name: 'test-web-01', subscriptionId: D, resourceGroup: 'rg-test', location: 'northeurope', os: 'Linux', power: 'running', size: 'Standard_B2s' },
  { name: 'test-app-01', subscriptionId: D, resourceGroup: 'rg-test', location: 'northeurope', os: 'Windows', power: 'running', size: 'Standard_D2s_v5' },
  { name: 'test-app-02', subscriptionId: D, resourceGroup: 'rg-test', location: 'northeurope', os: 'Windows', power: 'stopped', size: 'Standard_D2s_v5' },
  { name: 'build-01', subscriptionId: D, resourceGroup: 'rg-test', location: 'northeurope', os: 'Linux', power: 'running', size: 'Standard_F8s_v2' },
  { name: 'build-02', subscriptionId: D, resourceGroup: 'rg-test', location: 'northeurope', os: 'Linux', power: 'deallocated', size: 'Standard_F8s_v2', tags: { backup: 'exclude' } },
  { name: 'sandbox-01', subscriptionId: D, resourceGroup: 'rg-sandbox', location: 'eastus', os: 'Linux', power: 'running', size: 'Standard_B1s' },
  { name: 'sandbox-02', subscriptionId: D, resourceGroup: 'rg-sandbox', location: 'eastus', os: 'Windows', power: 'deallocated', size: 'Standard_B2s' },
  { name: 'ci-runner-01', subscriptionId: D, resourceGroup: 'rg-sandbox', location: 'eastus', os: 'Linux', power: 'running', size: 'Standard_D4s_v5' },
];
