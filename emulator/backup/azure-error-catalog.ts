/**
 * The Azure error codes the emulator answers with, in one place. Each says where its code and
 * message come from: "docs" (Microsoft's Azure Backup / ARM documentation), "observed" (quoted
 * from real responses in public issues), or "emulator" (no public source found; chosen to be
 * descriptive and marked so the bot does not depend on the exact string).
 */
export interface AzureErrorSpec {
  code: string;
  status: number;
  message: string;
  source: 'docs' | 'observed' | 'emulator';
}

/** Errors that end a backup job (AzureIaaSVMJob.errorDetails). */
export interface JobErrorSpec {
  code: string;
  /** errorDetails[].errorCode is an int32 in bms.json; Azure's numbers are not public, these are emulator-assigned. */
  numericCode: number;
  message: string;
  recommendations: string[];
  source: 'docs' | 'observed' | 'emulator';
}

export const JOB_ERRORS = {
  /** backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout.md */
  guestAgentUnavailable: {
    code: 'UserErrorGuestAgentStatusUnavailable',
    numericCode: 400001,
    message: 'VM Agent unable to communicate with Azure Backup',
    recommendations: [
      'Ensure that the VM is running and that its Azure VM Guest Agent is installed, started and reports Ready (Azure portal > VM > Properties > Agent status).',
      'If the agent is stopped or in an inconsistent state, restart or reinstall it, then retry the backup.',
    ],
    source: 'docs',
  },
  /**
   * A lock on the AzureBackupRG_<geo>_<n> group stops restore point clean-up; Azure reports it as
   * UserErrorRpCollectionLimitReached with this recommendation (observed in MicrosoftDocs/azure-docs#6610).
   */
  restorePointGroupLocked: {
    code: 'UserErrorRpCollectionLimitReached',
    numericCode: 400002,
    message: 'The Restore Point collection max limit has reached.',
    recommendations: [
      'Please ensure that there are no resource locks which prevents Restore points cleanup.',
      'Remove the lock on the restore point resource group (AzureBackupRG_<geo>_<number>) and retry the backup.',
    ],
    source: 'observed',
  },
} satisfies Record<string, JobErrorSpec>;

/**
 * Warnings that end a backup job CompletedWithWarnings (JobQueryObject.status in bms.json lists
 * it): the recovery point is taken, but not as asked. They travel in the same errorDetails.
 */
export const JOB_WARNINGS = {
  /**
   * docs: backup-azure-vms-troubleshoot.md (ExtensionFailedVssWriterInBadState, "VSS writers were in
   * a bad state") and backup-azure-vms-introduction.md (a Windows VM whose VSS snapshot fails is
   * backed up crash-consistent instead). Reporting it as a warning of a completed job, and the
   * numeric code, are the emulator's.
   */
  vssWritersBadState: {
    code: 'ExtensionFailedVssWriterInBadState',
    numericCode: 400101,
    message: 'Snapshot operation could not use VSS because VSS writers were in a bad state; the recovery point is crash-consistent.',
    recommendations: [
      'Restart the VSS writers that are in a bad state: from an elevated command prompt run vssadmin list writers, then restart the service of each failed writer.',
      'If the writers stay in a bad state, restart the VM, then take an on-demand backup to get an application-consistent recovery point.',
    ],
    source: 'emulator',
  },
} satisfies Record<string, JobErrorSpec>;

export const ARM_ERRORS = {
  authenticationMissing: {
    code: 'AuthenticationFailed',
    status: 401,
    message: "Authentication failed. The 'Authorization' header is missing.",
    source: 'docs',
  },
  authenticationInvalid: {
    code: 'AuthenticationFailed',
    status: 401,
    message: "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    source: 'docs',
  },
  /**
   * ARM's own answer for a version a Microsoft.Resources type does not know (observed in public
   * reports, e.g. a terraform-provider-azurerm SubnetsClient failure: "The api-version '2018-12-01' is
   * invalid. The supported versions are '2019-05-01,2019-03-01,...'": comma-separated, no spaces).
   */
  invalidApiVersion: {
    code: 'InvalidApiVersionParameter',
    status: 400,
    message: "The api-version '{version}' is invalid. The supported versions are '{versions}'.",
    source: 'observed',
  },
  /**
   * ARM's answer for a version a resource provider does not register, naming the versions and
   * locations it does (observed: Azure/azure-cli#20226, Azure/azure-rest-api-specs#11929,
   * MicrosoftDocs/azure-docs#62621; location 'global' when the request names none).
   */
  noRegisteredProvider: {
    code: 'NoRegisteredProviderFound',
    status: 400,
    message: "No registered resource provider found for location '{location}' and API version '{version}' for type '{type}'. The supported api-versions are '{versions}'. The supported locations are '{locations}'.",
    source: 'observed',
  },
  missingApiVersion: {
    code: 'MissingApiVersionParameter',
    status: 400,
    message: 'The api-version query parameter (?api-version=) is required for all requests.',
    source: 'docs',
  },
  throttled: {
    code: 'SubscriptionRequestsThrottled',
    status: 429,
    message: 'Number of requests for subscription exceeded the limit. Please try again after the time given in the Retry-After header. Refer to https://aka.ms/arm-throttling',
    source: 'docs',
  },
  /** The Backup RP's generic internal error (observed in hashicorp/terraform-provider-azurerm#20153). */
  backupInternal: {
    code: 'CloudInternalError',
    status: 500,
    message: 'Microsoft Azure Backup encountered an internal error. Wait for a few minutes and then try the operation again. If the issue persists, please contact Microsoft support.',
    source: 'observed',
  },
  armInternal: {
    code: 'InternalServerError',
    status: 500,
    message: 'Encountered internal server error. Please try again.',
    source: 'emulator',
  },
  /** Observed: hashicorp/terraform-provider-azurerm#8813 (400 on a storage type change once items are registered). */
  storageTypeLocked: {
    code: 'StorageModelModifyError',
    status: 400,
    message: 'Storage Redundancy option is locked when the first machine is registered with the vault, and cannot be modified thereafter.',
    source: 'observed',
  },
  /** Observed: Azure/azure-cli#7619, MicrosoftDocs/azure-docs#42016 (vault delete while it still holds items). */
  vaultNotEmpty: {
    code: 'ServiceResourceNotEmpty',
    status: 400,
    message: 'Vault cannot be deleted as there are existing resources within the vault. Please ensure there are no backup items, protected servers or backup management servers associated with this vault.',
    source: 'observed',
  },
  /** Observed in several public reports; Azure's catch-all for an invalid policy. */
  invalidPolicy: {
    code: 'BMSUserErrorInvalidPolicyInput',
    status: 400,
    message: 'Input for create or update policy is not in proper format. Please check format of parameters like schedule time, schedule days, retention time and retention days',
    source: 'observed',
  },
  /** docs: backup-azure-files-troubleshoot (BMSUserErrorObjectLocked). */
  itemBusy: {
    code: 'BMSUserErrorObjectLocked',
    status: 400,
    message: 'Another operation is in progress on the selected item. Wait for the other in-progress operation to complete and retry.',
    source: 'docs',
  },
  /** Observed in hashicorp/terraform-provider-azurerm#2143; used here for a VM outside the vault's region. */
  invalidConfigureProtection: {
    code: 'BMSUserErrorInvalidConfigureProtectionRequest',
    status: 400,
    message: 'Input for configure protection is not in proper format',
    source: 'observed',
  },
  /** Message observed in Azure/terraform-provider-azapi#398; the code is the emulator's. */
  vmProtectedElsewhere: {
    code: 'BMSUserErrorVmAlreadyProtected',
    status: 400,
    message: 'Virtual machine is already registered\\registering with another recovery services vault Please select a different virtual machine for registration.',
    source: 'emulator',
  },
  /**
   * ARM's answer to an identity without a role for the action (observed in many public reports,
   * e.g. Azure/azure-cli issues quoting "does not have authorization to perform action").
   */
  authorizationFailed: {
    code: 'AuthorizationFailed',
    status: 403,
    message:
      "The client '{client}' with object id '{client}' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.",
    source: 'observed',
  },
  /**
   * ARM's gateway answer for anything under a resource group that does not exist (header
   * x-ms-failure-cause: gateway). Observed: Azure/azure-cli#20316, Azure/azure-powershell#14556.
   */
  resourceGroupNotFound: {
    code: 'ResourceGroupNotFound',
    status: 404,
    message: "Resource group '{name}' could not be found.",
    source: 'observed',
  },
  /** PUT of an existing group with another location. Observed in many public reports (terraform, azure-cli). */
  resourceGroupLocationConflict: {
    code: 'InvalidResourceGroupLocation',
    status: 409,
    message: "Invalid resource group location '{location}'. The Resource group already exists in location '{existing}'.",
    source: 'observed',
  },
  /** A name outside the spec's pattern; the rule is the documented one, code and wording are the emulator's. */
  resourceGroupNameInvalid: {
    code: 'InvalidResourceGroup',
    status: 400,
    message: "The provided resource group name '{name}' is invalid. Resource group names are 1 to 90 characters: letters, digits, periods, underscores, hyphens and parentheses, and cannot end in a period.",
    source: 'emulator',
  },
  /** Observed: the Backup RP's generic "invalid input" code. */
  invalidInput: {
    code: 'BMSUserErrorInvalidInput',
    status: 400,
    message: 'Input provided for the call is invalid.',
    source: 'observed',
  },
  /**
   * An on-demand backup kept longer than Azure allows. The limit is documented (backup-azure-vms-first-look-arm
   * / backup-azure-arm-vms-prepare "Retain Backup Till": up to 99 years for VMs); no public source
   * gives Azure's code or wording, so both are the emulator's.
   */
  adhocRetentionTooLong: {
    code: 'BMSUserErrorInvalidRetentionDuration',
    status: 400,
    message: "recoveryPointExpiryTimeInUTC '{expiry}' is too far ahead: an on-demand backup of a VM can be kept at most 99 years, until {latest}.",
    source: 'emulator',
  },
  /**
   * A change to a soft-deleted item other than undelete. The rule is documented
   * (backup-azure-security-feature-cloud.md: undelete the item before resuming protection); the code
   * and wording are the emulator's.
   */
  itemSoftDeleted: {
    code: 'BMSUserErrorItemSoftDeleted',
    status: 400,
    message: "The backup item '{item}' is soft-deleted. Undelete it first (a PUT of the item with isRehydrate true), then resume protection or delete its data.",
    source: 'emulator',
  },
  /**
   * A job filter whose status is not one of JobQueryObject.status (bms.json). No public source gives
   * Azure's answer; the code is the Backup RP's generic invalid input, the wording the emulator's.
   */
  invalidJobStatusFilter: {
    code: 'BMSUserErrorInvalidInput',
    status: 400,
    message: "The $filter status '{status}' is not a job status. Allowed: {allowed}.",
    source: 'emulator',
  },
} satisfies Record<string, AzureErrorSpec>;

/** A catalog message with its {placeholders} filled in. */
export function fillMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
