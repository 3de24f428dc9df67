import { SEED, type RunningEmulator } from '../../emulator';
import { SchemaValidator } from '../../emulator/specs/schema-validator';
import { loadSpecCatalog } from '../../emulator/specs/spec-catalog';
import { loadExampleCases } from './contract/example-cases';
import { BACKUP_API, VAULT_API, startTestEmulator, type ArmClient } from './support/arm-client';
import { SUB, WEU_VAULT, itemPath, policyId } from './support/seed-paths';

const dailyPolicy = () => ({
  properties: {
    backupManagementType: 'AzureIaasVM',
    timeZone: 'UTC',
    schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Daily', scheduleRunTimes: ['2026-01-01T21:00:00Z'] },
    retentionPolicy: {
      retentionPolicyType: 'LongTermRetentionPolicy',
      dailySchedule: { retentionTimes: ['2026-01-01T21:00:00Z'], retentionDuration: { count: 14, durationType: 'Days' } },
    },
  },
});

describe('request validation against the vendored specs', () => {
  describe('the validator alone', () => {
    const { cases } = loadExampleCases();
    const withBodies = cases.filter((c) => c.bodyParameter && c.operation.bodySchema && c.example.parameters[c.bodyParameter] !== undefined);

    it('has request bodies to check', () => {
      expect(withBodies.length).toBeGreaterThanOrEqual(12);
    });

    it.each(withBodies.map((c) => [c.name, c] as const))('accepts the body of %s', (_name, c) => {
      const validator = new SchemaValidator(c.operation.doc);
      expect(validator.validate(c.operation.bodySchema!, c.example.parameters[c.bodyParameter!])).toEqual([]);
    });

    it('follows discriminators to the subtype (V2 schedule, IaasVMBackupRequest)', () => {
      const catalog = loadSpecCatalog();
      const put = catalog.byOperationId.get('ProtectionPolicies_CreateOrUpdate')!;
      const validator = new SchemaValidator(put.doc);
      const v2 = { properties: { backupManagementType: 'AzureIaasVM', policyType: 'V2', schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicyV2', scheduleRunFrequency: 'Hourly', hourlySchedule: { interval: 'four' } } } };
      expect(validator.validate(put.bodySchema!, v2)).toEqual([
        expect.objectContaining({ path: 'properties.schedulePolicy.hourlySchedule.interval' }),
      ]);
      const trigger = catalog.byOperationId.get('Backups_Trigger')!;
      const issues = new SchemaValidator(trigger.doc).validate(trigger.bodySchema!, { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: 'next week' } });
      expect(issues).toEqual([expect.objectContaining({ path: 'properties.recoveryPointExpiryTimeInUTC' })]);
    });

    it('refuses an unknown discriminator value', () => {
      const trigger = loadSpecCatalog().byOperationId.get('Backups_Trigger')!;
      const issues = new SchemaValidator(trigger.doc).validate(trigger.bodySchema!, { properties: { objectType: 'TapeBackupRequest' } });
      expect(issues).toEqual([expect.objectContaining({ path: 'properties.objectType' })]);
    });
  });

  describe('over HTTPS', () => {
    let emulator: RunningEmulator;
    let arm: ArmClient;

    beforeAll(async () => {
      ({ emulator, arm } = await startTestEmulator());
    });

    afterAll(async () => {
      await emulator.close();
    });

    async function expectBadRequest(reply: Promise<{ status: number; body: any }>, path: string): Promise<void> {
      const { status, body } = await reply;
      expect(status).toBe(400);
      expect(body.error.code).toBe('InvalidRequestContent');
      expect(body.error.target).toBe(path);
      expect(body.error.message).toContain(path);
    }

    it('refuses a wrong enum value and names the property', async () => {
      const body = dailyPolicy();
      (body.properties.schedulePolicy as Record<string, unknown>).scheduleRunFrequency = 'Fortnightly';
      await expectBadRequest(arm.put(`${WEU_VAULT}/backupPolicies/p-enum?${BACKUP_API}`, body), 'properties.schedulePolicy.scheduleRunFrequency');
    });

    it('refuses a wrong type and names the property', async () => {
      const body = dailyPolicy() as any;
      body.properties.retentionPolicy.dailySchedule.retentionDuration.count = 'thirty';
      await expectBadRequest(arm.put(`${WEU_VAULT}/backupPolicies/p-type?${BACKUP_API}`, body), 'properties.retentionPolicy.dailySchedule.retentionDuration.count');
    });

    it('refuses a missing required property and names it', async () => {
      await expectBadRequest(
        arm.put(`${itemPath(WEU_VAULT, SEED.unprotectedVmId)}?${BACKUP_API}`, { properties: { sourceResourceId: SEED.unprotectedVmId, policyId: policyId(WEU_VAULT) } }),
        'properties.protectedItemType',
      );
      await expectBadRequest(
        arm.put(`/subscriptions/${SUB}/resourceGroups/${SEED.vaultResourceGroup}/providers/Microsoft.RecoveryServices/vaults/no-location?${VAULT_API}`, { sku: { name: 'Standard' } }),
        'location',
      );
    });

    it('refuses a date-time that is not one', async () => {
      await expectBadRequest(
        arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: 'tomorrow' } }),
        'properties.recoveryPointExpiryTimeInUTC',
      );
    });

    it('refuses malformed JSON', async () => {
      const reply = await arm.put(`${WEU_VAULT}/backupPolicies/p-json?${BACKUP_API}`, '{"properties": ');
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('InvalidRequestContent');
    });

    it('ignores readOnly properties on input, as Azure does', async () => {
      const vmId = SEED.vmId('web-03');
      const reply = await arm.put(`${itemPath(WEU_VAULT, vmId)}?${BACKUP_API}`, {
        properties: {
          protectedItemType: 'Microsoft.Compute/virtualMachines',
          sourceResourceId: vmId,
          policyId: policyId(WEU_VAULT),
          // readOnly in bms.json: an enum value and a date-time that would otherwise be refused.
          healthStatus: 'Bogus',
          lastBackupTime: 'not a date',
        },
      });
      expect(reply.status).toBe(202);
    });

    it('applies the Backup RP policy rules after the schema (BMSUserErrorInvalidPolicyInput)', async () => {
      const body = dailyPolicy() as any;
      body.properties.schedulePolicy.scheduleRunFrequency = 'Weekly';
      body.properties.schedulePolicy.scheduleRunDays = ['Sunday'];
      const reply = await arm.put(`${WEU_VAULT}/backupPolicies/p-rules?${BACKUP_API}`, body);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('BMSUserErrorInvalidPolicyInput');
      expect(reply.body.error.message).toMatch(/weekly schedule cannot have daily retention/i);
    });
  });
});
