/**
 * What a job message must show, on every platform, for the emulator's job results: a backup that
 * fails with two errorDetails (no VM agent, a locked AzureBackupRG group) and one completed with
 * the VSS warning. The words come from emulator/backup/azure-error-catalog.ts and the bot's next steps.
 */
export const TWO_ERRORS_SHOWN: readonly (string | RegExp)[] = [
  /Failed after/,
  'Error 1 of 2',
  'VM Agent unable to communicate with Azure Backup',
  'Error 2 of 2',
  'The Restore Point collection max limit has reached.',
  'Azure recommends',
  'no resource locks which prevents Restore points cleanup',
  'AzureBackupRG_westeurope_1',
];

export const WARNING_SHOWN: readonly (string | RegExp)[] = ['Completed with warnings', 'recovery point was made', 'VSS writers were in a bad state', 'vssadmin list writers'];

/** Every expected piece is in the text. */
export function expectShown(text: string, expected: readonly (string | RegExp)[]): void {
  for (const piece of expected) {
    if (typeof piece === 'string') expect(text).toContain(piece);
    else expect(text).toMatch(piece);
  }
}
