import type { RunningEmulator } from '../../emulator';
import { ArmClient, COMPUTE_API } from '../emulator/support/arm-client';

/**
 * Tags a VM as a person or a pipeline does: ARM PATCH of the VM with `{"tags": …}`
 * (VirtualMachines_Update; the tags sent replace the VM's, see test/emulator/vm-tags.test.ts).
 */
export async function setVmTags(emulator: Pick<RunningEmulator, 'endpoint' | 'ca'>, vmId: string, tags: Record<string, string>): Promise<void> {
  const reply = await new ArmClient(emulator).patch(`${vmId}?${COMPUTE_API}`, { tags });
  if (reply.status !== 200) throw new Error(`PATCH ${vmId} -> ${reply.status} ${JSON.stringify(reply.body)}`);
}
