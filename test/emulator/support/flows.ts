import { BACKUP_API, pathOf, type ArmClient, type ArmReply } from './arm-client';
import { itemPath, policyId } from './seed-paths';

/** Polls an async URL the emulator handed out until it stops answering "in progress". */
export async function pollUntilDone(arm: ArmClient, url: string, maxPolls = 10): Promise<ArmReply> {
  for (let i = 0; i < maxPolls; i++) {
    const reply = await arm.get(pathOf(url));
    const running = reply.status === 202 || (reply.status === 200 && reply.body?.status === 'InProgress');
    if (!running) return reply;
  }
  throw new Error(`${url} still running after ${maxPolls} polls`);
}

export async function enableProtection(arm: ArmClient, vaultId: string, vmId: string, policyName = 'DefaultPolicy'): Promise<ArmReply> {
  return arm.put(`${itemPath(vaultId, vmId)}?${BACKUP_API}`, {
    properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: vmId, policyId: policyId(vaultId, policyName) },
  });
}

/** Triggers "backup now" and returns the job name from the operation status. */
export async function triggerBackup(arm: ArmClient, vaultId: string, vmId: string, expiry?: Date): Promise<{ accepted: ArmReply; jobName: string }> {
  const accepted = await arm.post(`${itemPath(vaultId, vmId)}/backup?${BACKUP_API}`, {
    properties: { objectType: 'IaasVMBackupRequest', ...(expiry ? { recoveryPointExpiryTimeInUTC: expiry.toISOString() } : {}) },
  });
  if (accepted.status !== 202) throw new Error(`backup trigger -> ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const status = await pollUntilDone(arm, accepted.headers['azure-asyncoperation']);
  return { accepted, jobName: status.body.properties.jobId };
}

export async function getJob(arm: ArmClient, vaultId: string, jobName: string): Promise<any> {
  const reply = await arm.get(`${vaultId}/backupJobs/${jobName}?${BACKUP_API}`);
  if (reply.status !== 200) throw new Error(`job ${jobName} -> ${reply.status}`);
  return reply.body;
}

export async function getItem(arm: ArmClient, vaultId: string, vmId: string): Promise<ArmReply> {
  return arm.get(`${itemPath(vaultId, vmId)}?${BACKUP_API}`);
}

/** Runs refreshContainers to completion (202 Location, then poll to 204). */
export async function refreshContainers(arm: ArmClient, vaultId: string): Promise<void> {
  const accepted = await arm.post(`${vaultId}/backupFabrics/Azure/refreshContainers?${BACKUP_API}`);
  if (accepted.status !== 202) throw new Error(`refresh -> ${accepted.status}`);
  const done = await pollUntilDone(arm, accepted.headers.location);
  if (done.status !== 204) throw new Error(`refresh result -> ${done.status}`);
}
