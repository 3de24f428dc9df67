import { ComputeManagementClient } from '@azure/arm-compute';
import { RecoveryServicesClient } from '@azure/arm-recoveryservices';
import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import type { ResolvedOptions } from './azure-backup-service.options';
import { retryAfterCapPolicy } from './retry-after-cap.policy';

/** The three SDK clients of one subscription. */
export interface SubscriptionClients {
  compute: ComputeManagementClient;
  vaults: RecoveryServicesClient;
  backup: RecoveryServicesBackupClient;
}

/**
 * Creates the SDK clients of a subscription on first use and keeps them. Every client gets the
 * same endpoint, token scope (`${endpoint}/.default`, as sovereign clouds need), trusted CA,
 * retry options and Retry-After cap.
 */
export class SdkClientFactory {
  private readonly cache = new Map<string, SubscriptionClients>();

  constructor(private readonly options: ResolvedOptions) {}

  for(subscriptionId: string): SubscriptionClients {
    const key = subscriptionId.toLowerCase();
    let clients = this.cache.get(key);
    if (!clients) {
      clients = this.create(subscriptionId);
      this.cache.set(key, clients);
    }
    return clients;
  }

  private create(subscriptionId: string): SubscriptionClients {
    const { credential, resourceManagerEndpoint: endpoint, ca, retry, maxRetryAfterMs } = this.options;
    const scope = `${endpoint}/.default`;
    const common = {
      ...(ca ? { tlsOptions: { ca } } : {}),
      retryOptions: {
        maxRetries: retry?.maxRetries ?? 3,
        retryDelayInMs: retry?.retryDelayInMs ?? 1000,
        maxRetryDelayInMs: retry?.maxRetryDelayInMs ?? 30_000,
      },
      additionalPolicies: [{ policy: retryAfterCapPolicy(maxRetryAfterMs), position: 'perRetry' as const }],
    };
    // Modular (TypeSpec) clients take `endpoint` and `credentials.scopes`.
    const modular = { ...common, endpoint, credentials: { scopes: [scope] } };
    return {
      compute: new ComputeManagementClient(credential, subscriptionId, modular),
      vaults: new RecoveryServicesClient(credential, subscriptionId, modular),
      // The classic (AutoRest) client takes `endpoint` and `credentialScopes`; `$host` too, which
      // its URL templates declare.
      backup: new RecoveryServicesBackupClient(credential, subscriptionId, {
        ...common,
        endpoint,
        $host: endpoint,
        credentialScopes: [scope],
      }),
    };
  }
}
