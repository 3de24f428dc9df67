import { randomBytes } from 'node:crypto';
import type { BackupService } from '../backup/backup.port';
import type { ExcludeTag } from '../domain/exclude-tag.rule';
import type { Logger } from '../log';
import type { VmInventory } from '../inventory/inventory.types';
import type { NotificationsPort } from './notifications.port';

/** What every flow step gets: the ports, the clock and the settings. */
export interface FlowContext {
  backup: BackupService;
  inventory: VmInventory;
  now: () => Date;
  portalBaseUrl: string;
  logger: Logger;
  newReference: () => string;
  /** The tag that leaves a VM out of coverage (COVERAGE_EXCLUDE_TAG). */
  excludeTag: ExcludeTag;
  /** Channel subscriptions and scheduler health; absent when the bot runs without its scheduler. */
  notifications?: NotificationsPort;
}

export const defaultReference = (): string => randomBytes(4).toString('hex').toUpperCase();
