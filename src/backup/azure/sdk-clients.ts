import { ComputeManagementClient } from '@azure/arm-compute';
import { RecoveryServicesClient } from '@azure/arm-recoveryservices';
import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { Agent } from 'node:https';
import { createArmAgent } from './arm-agent';
import type { ResolvedOptions } from './azure-backup-service.options';
import { callObserverPolicy } from './call-observer.policy';
import { retryAfterCapPolicy } from './retry-after-cap.policy';

/** The SDK clients of one subscription. */
export interface SubscriptionClients {
  compute: ComputeManagementClient;
  vaults: RecoveryServicesClient;
  backup: RecoveryServicesBackupClient;
  /** Resource groups (Microsoft.Resources 2025-04-01). */
  resources: ResourceManagementClient;
}

/**
 * Creates the SDK clients of a subscription on first use and keeps them. Every client gets the
 * same endpoint, token scope (`${endpoint}/.default`, as sovereign clouds need), connection pool
 * (with the trusted CA), retry options and Retry-After cap.
 */
export class SdkClientFactory {
  private readonly cache = new Map<string, SubscriptionClients>();
  private readonly agent: Agent;

  constructor(private readonly options: ResolvedOptions) {
    this.agent = createArmAgent(options.ca);
  }

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
    const { credential, resourceManagerEndpoint: endpoint, retry, maxRetryAfterMs, observeCall } = this.options;
    const scope = `${endpoint}/.default`;
    const common = {
      agent: this.agent,
      retryOptions: {
        maxRetries: retry?.maxRetries ?? 3,
        retryDelayInMs: retry?.retryDelayInMs ?? 1000,
        maxRetryDelayInMs: retry?.maxRetryDelayInMs ?? 30_000,
      },
      additionalPolicies: [
        { policy: retryAfterCapPolicy(maxRetryAfterMs), position: 'perRetry' as const },
        ...(observeCall ? [{ policy: callObserverPolicy(observeCall), position: 'perRetry' as const }] : []),
      ],
    };
    // Modular (TypeSpec) clients take `endpoint` and `credentials.scopes`.
    const modular = { ...common, endpoint, credentials: { scopes: [scope] } };
    // The classic (AutoRest) clients take `endpoint` and `credentialScopes`; `$host` too, which
    // their URL templates declare.
    const classic = { ...common, endpoint, $host: endpoint, credentialScopes: [scope] };
    return {
      compute: new ComputeManagementClient(credential, subscriptionId, modular),
      vaults: new RecoveryServicesClient(credential, subscriptionId, modular),
      backup: new RecoveryServicesBackupClient(credential, subscriptionId, classic),
      resources: new ResourceManagementClient(credential, subscriptionId, classic),
    };
  }
}
