import type { TokenCredential } from '@azure/core-auth';
import type { AzureCallObserver } from './call-observer.policy';

/** How the Azure implementation of the BackupService reaches Azure Resource Manager. */
export interface AzureBackupServiceOptions {
  /** Subscriptions the bot works in; VM and vault listings span all of them. */
  subscriptionIds: string[];
  /** Production: DefaultAzureCredential. The emulator: staticTokenCredential(). */
  credential: TokenCredential;
  /**
   * Resource Manager endpoint, default https://management.azure.com. Sovereign clouds and the
   * emulator set it; token scopes follow it (`${endpoint}/.default`).
   */
  resourceManagerEndpoint?: string;
  /** PEM certificate(s) to trust for the endpoint (the emulator's self-signed one), in the TLS context of the SDK clients' shared agent. */
  ca?: string;
  /** Least wait between two polls of an asynchronous operation (default 2000 ms; small in tests). */
  pollIntervalMs?: number;
  /** Longest wait honoured from a Retry-After header, for polling and throttling (default 60 s). */
  maxRetryAfterMs?: number;
  /** Polls of one asynchronous operation before giving up and saying so (default 900). */
  maxPollAttempts?: number;
  /** HTTP retries of throttled (429), unavailable (503) and failed (5xx, network) requests. */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** Clock, for retain-until validation and job queries (default: the system clock). */
  now?: () => Date;
  /** Subscriptions listed at the same time (default 4). */
  listConcurrency?: number;
  /**
   * VMs of one enable request read and enabled at the same time (default 10): far inside ARM's
   * per-subscription write budget (a bucket of 200, refilled 10 a second); a 429 is retried after its Retry-After.
   */
  enableConcurrency?: number;
  /** Told of every HTTP attempt (metrics, logs); default none. */
  observeCall?: AzureCallObserver;
}

/** The options with every default filled in. */
export interface ResolvedOptions extends Required<Omit<AzureBackupServiceOptions, 'ca' | 'retry' | 'observeCall'>> {
  ca?: string;
  observeCall?: AzureCallObserver;
  retry: AzureBackupServiceOptions['retry'];
}

export const DEFAULT_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';

export function resolveOptions(options: AzureBackupServiceOptions): ResolvedOptions {
  if (!options.subscriptionIds || options.subscriptionIds.length === 0) {
    throw new Error('createAzureBackupService needs at least one subscription id.');
  }
  return {
    subscriptionIds: [...options.subscriptionIds],
    credential: options.credential,
    resourceManagerEndpoint: (options.resourceManagerEndpoint ?? DEFAULT_RESOURCE_MANAGER_ENDPOINT).replace(/\/+$/, ''),
    ca: options.ca,
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    maxPollAttempts: options.maxPollAttempts ?? 900,
    retry: options.retry,
    now: options.now ?? (() => new Date()),
    listConcurrency: options.listConcurrency ?? 4,
    enableConcurrency: options.enableConcurrency ?? 10,
    observeCall: options.observeCall,
  };
}
