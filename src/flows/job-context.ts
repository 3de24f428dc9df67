/**
 * Context for wording a job that Azure does not carry: a job message keeps it (tracked-job store),
 * and its Refresh and Cancel buttons carry it back (JobRefreshIntent, JobCancelIntent). In a module
 * of its own because both the intents and the views use it.
 */
export interface JobContext {
  vmId?: string;
  vmName?: string;
  /** Backup now: the retain-until asked for, ISO. */
  retainUntil?: string;
  /** The display name of who started it. */
  requestedBy?: string;
  /** The VM's region (names its AzureBackupRG_<region>_1 group in lock advice). */
  location?: string;
}
