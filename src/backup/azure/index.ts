import type { BackupService } from '../backup.port';
import type { AzureBackupServiceOptions } from './azure-backup-service.options';
import { AzureBackupService } from './azure-backup.service';

export type { AzureBackupServiceOptions } from './azure-backup-service.options';
export { staticTokenCredential } from './static-token.credential';

/** The BackupService on the Azure SDK, for Azure itself, a sovereign cloud or the local emulator. */
export function createAzureBackupService(options: AzureBackupServiceOptions): BackupService {
  return new AzureBackupService(options);
}
