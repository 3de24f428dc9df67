import { SEED, type RunningEmulator } from '../../emulator';
import { COMPUTE_API, startTestEmulator, type ArmClient } from './support/arm-client';

const SUB = SEED.subscriptions.production;
const vmPath = (rg: string, name: string) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}?${COMPUTE_API}`;

/**
 * VM tags as ARM keeps them. Reads: `tags` on the VM resource of GET and of the listings
 * (VirtualMachine_Get.json, VirtualMachine_ListAll_MaximumSet_Gen.json under
 * vendor/azure-rest-examples/compute). Changes: VirtualMachines_Update, PATCH with a
 * VirtualMachineUpdate body whose `tags` is UpdateResource.tags (vendor/azure-rest-examples/specs/
 * compute/2023-09-01/virtualMachine.json and computeRPCommon.json); Azure answers 200 with the VM
 * (example VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json in
 * Azure/azure-rest-api-specs, specification/compute/.../2023-09-01/examples/virtualMachineExamples).
 * Tags sent replace the resource's tags; a PATCH without `tags` leaves them.
 */
describe('emulator: VM tags (GET, list, PATCH)', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator());
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('seeds tags on the VM resource, among them backup=exclude on jump-01 and build-02', async () => {
    const jump = await arm.get(vmPath('rg-infra', 'jump-01'));
    expect(jump.status).toBe(200);
    expect(jump.body.tags).toEqual({ environment: 'production', role: 'jump', backup: 'exclude' });
    const listed = await arm.listAll(`/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}`);
    const excluded = listed.items.filter((vm) => vm.tags?.backup === 'exclude').map((vm) => vm.name);
    expect(excluded).toEqual(['jump-01']);
    expect(listed.items.find((vm) => vm.name === 'web-02')?.tags).toEqual({ environment: 'production', role: 'web' });
  });

  it('PATCH with tags replaces the tag set; GET and the listing show it; a PATCH without tags keeps it', async () => {
    const patched = await arm.patch(vmPath('rg-web-prod', 'web-02'), { tags: { backup: 'exclude', owner: 'ops' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'web-02', type: 'Microsoft.Compute/virtualMachines', tags: { backup: 'exclude', owner: 'ops' } });
    expect(patched.body.properties.provisioningState).toBe('Succeeded');

    expect((await arm.get(vmPath('rg-web-prod', 'web-02'))).body.tags).toEqual({ backup: 'exclude', owner: 'ops' });
    const listed = await arm.listAll(`/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}`);
    expect(listed.items.find((vm) => vm.name === 'web-02')?.tags).toEqual({ backup: 'exclude', owner: 'ops' });

    const untouched = await arm.patch(vmPath('rg-web-prod', 'web-02'), { properties: {} });
    expect(untouched.status).toBe(200);
    expect(untouched.body.tags).toEqual({ backup: 'exclude', owner: 'ops' });

    const cleared = await arm.patch(vmPath('rg-web-prod', 'web-02'), { tags: {} });
    expect(cleared.body.tags).toEqual({});
  });

  it('refuses tags that are not strings (the spec validates the body) and answers 404 for a VM that does not exist', async () => {
    const bad = await arm.patch(vmPath('rg-web-prod', 'web-02'), { tags: { backup: ['exclude'] } });
    expect(bad.status).toBe(400);
    expect((await arm.get(vmPath('rg-web-prod', 'web-02'))).body.tags).toEqual({ environment: 'production', role: 'web' });
    const missing = await arm.patch(vmPath('rg-web-prod', 'web-99'), { tags: { backup: 'exclude' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ResourceNotFound');
  });
});
