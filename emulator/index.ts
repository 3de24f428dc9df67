/**
 * The Azure Resource Manager emulator: the slice of ARM the bot uses (Compute VM listing,
 * Recovery Services vaults, Azure Backup for IaaS VMs), over HTTPS on loopback.
 */
export { startEmulator } from './start-emulator';
export { SEED } from './seed/seed-ids';
export { JOB_ERRORS, ARM_ERRORS } from './backup/azure-error-catalog';
export type {
  EmulatorOptions,
  FaultSpec,
  RecordedRequest,
  RunningEmulator,
  SeedOptions,
  StartEmulator,
} from './emulator.types';
