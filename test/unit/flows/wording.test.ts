import type { BackupJob, PolicyDefinition, VmAgentState } from '../../../src/domain/backup.types';
import {
  agentWords,
  isAre,
  plural,
  whenDay,
  dateTimeWords,
  durationWords,
  isNeverTime,
  jobError,
  jobPhase,
  jobStatusWords,
  lastBackupWords,
  listWords,
  nextStepWords,
  operationWords,
  policySummary,
  powerWords,
  protectionWords,
  redundancyWords,
  relativeWords,
  retentionLines,
  when,
} from '../../../src/flows/wording';

const NOW = new Date('2024-05-14T10:00:00Z');

describe('wording', () => {
  it('names protection states as the portal does', () => {
    expect(protectionWords('IRPending')).toEqual({ text: 'Warning (Initial backup pending)', tone: 'warning', protected: true });
    expect(protectionWords('Protected')).toEqual({ text: 'Protected', tone: 'success', protected: true });
    expect(protectionWords('ProtectionError').tone).toBe('error');
    expect(protectionWords('ProtectionStopped').protected).toBe(false);
    expect(protectionWords(undefined)).toEqual({ text: 'Not protected', tone: 'info', protected: false });
  });

  it('words redundancy, power and agent', () => {
    expect(redundancyWords('GeoRedundant')).toBe('Geo-redundant (GRS)');
    expect(redundancyWords('LocallyRedundant')).toBe('Locally redundant (LRS)');
    expect(powerWords('deallocated')).toBe('Stopped (deallocated)');
    expect(powerWords(undefined)).toBe('Power state unknown');
    expect(['Ready', 'NotReady', 'Unknown', 'NotInstalled'].map((a) => agentWords(a as VmAgentState))).toEqual(['agent ready', 'agent not ready', 'agent not reporting', 'no VM agent']);
  });

  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [130_000, '2 min 10 s'],
    [3_900_000, '1 h 5 min'],
    [7_200_000, '2 h'],
    [86_400_000, '1 day'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 days 3 h'],
  ])('duration %d ms is %s', (ms, text) => {
    expect(durationWords(ms)).toBe(text);
  });

  it.each([
    ['2024-05-14T09:59:50Z', 'just now'],
    ['2024-05-14T09:55:00Z', '5 min ago'],
    ['2024-05-14T07:00:00Z', '3 hours ago'],
    ['2024-05-13T09:00:00Z', '1 day ago'],
    ['2024-05-14T15:00:00Z', 'in 5 hours'],
    ['2024-05-16T10:00:00Z', 'in 2 days'],
    ['2024-05-14T10:01:00Z', 'in 1 min'],
  ])('%s relative to now is %s', (at, text) => {
    expect(relativeWords(new Date(at), NOW)).toBe(text);
  });

  it('words absolute times in UTC with the relative time', () => {
    expect(dateTimeWords(new Date('2024-05-15T02:00:00Z'))).toBe('Wed 15 May 2024, 02:00 UTC');
    expect(when(new Date('2024-05-15T02:00:00Z'), NOW)).toEqual({ at: '2024-05-15T02:00:00.000Z', text: 'Wed 15 May 2024, 02:00 UTC (in 16 hours)' });
  });

  it('says never for 2001-01-01 or no time', () => {
    expect(isNeverTime(new Date('2001-01-01T00:00:00Z'))).toBe(true);
    expect(isNeverTime(undefined)).toBe(true);
    expect(lastBackupWords('IRPending', new Date('2001-01-01T00:00:00Z'), NOW)).toBe('never');
    expect(lastBackupWords('Healthy', new Date('2024-05-14T02:00:00Z'), NOW)).toBe('Healthy, 8 hours ago (Tue 14 May 2024, 02:00 UTC)');
  });

  it('lists in words', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b'])).toBe('a and b');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('words a daily policy as "Daily at 02:00 UTC, kept 30 days"', () => {
    const def: PolicyDefinition = { name: 'DefaultPolicy', schedule: { frequency: 'Daily', time: '02:00', timeZone: 'UTC' }, retention: { daily: { days: 30 } } };
    expect(policySummary(def)).toEqual({ name: 'DefaultPolicy', scheduleText: 'Daily at 02:00 UTC', retentionText: 'kept 30 days', text: 'Daily at 02:00 UTC, kept 30 days' });
  });

  it('words a weekly policy with long-term retention', () => {
    const def: PolicyDefinition = {
      name: 'weekly',
      schedule: { frequency: 'Weekly', time: '22:30', timeZone: 'W. Europe Standard Time', daysOfWeek: ['Sunday', 'Wednesday'] },
      retention: {
        weekly: { weeks: 12, daysOfWeek: ['Sunday', 'Wednesday'] },
        monthly: { months: 60, format: { kind: 'weeks', weeksOfMonth: ['First'], daysOfWeek: ['Sunday'] } },
        yearly: { years: 10, monthsOfYear: ['January'], format: { kind: 'weeks', weeksOfMonth: ['Last'], daysOfWeek: ['Sunday'] } },
      },
    };
    expect(policySummary(def).text).toBe('Weekly on Wednesday and Sunday at 22:30 W. Europe Standard Time, kept 12 weeks; monthly 60 months, yearly 10 years');
    expect(retentionLines(def)).toEqual([
      'Weekly backups (Wednesday and Sunday): kept 12 weeks',
      'Monthly backups (First Sunday): kept 60 months',
      'Yearly backups (January, Last Sunday): kept 10 years',
    ]);
  });

  it('words day-based retention', () => {
    const def: PolicyDefinition = {
      name: 'p',
      schedule: { frequency: 'Daily', time: '02:00', timeZone: 'UTC' },
      retention: { daily: { days: 7 }, monthly: { months: 1, format: { kind: 'days', daysOfMonth: [15, 1], isLast: true } } },
    };
    expect(retentionLines(def)).toEqual(['Daily backups: kept 7 days', 'Monthly backups (day 1, 15 and last of the month): kept 1 month']);
    expect(policySummary(def).retentionText).toBe('kept 7 days; monthly 1 month');
  });

  it('maps job states to phases and words', () => {
    expect(jobPhase('InProgress', true)).toBe('queued');
    expect(jobPhase('InProgress')).toBe('in-progress');
    expect(jobPhase('CompletedWithWarnings')).toBe('completed-with-warnings');
    expect(jobStatusWords('in-progress', 130_000, 40)).toBe('In progress for 2 min 10 s (40%)');
    expect(jobStatusWords('completed', 840_000)).toBe('Completed in 14 min');
    expect(jobStatusWords('failed', 180_000)).toBe('Failed after 3 min');
    expect(operationWords('ConfigureBackup')).toBe('Configure backup');
  });

  it('says what to do after a failure', () => {
    expect(nextStepWords({ code: 'UserErrorGuestAgentStatusUnavailable', message: 'VM agent unavailable' }, { vmName: 'web-01' })).toContain('Install or start the Azure VM agent on web-01');
    expect(nextStepWords({ code: 'UserErrorRestorePointCollectionLocked', message: 'locked' }, { location: 'westeurope' })).toContain('Remove the lock on the resource group AzureBackupRG_westeurope_1');
    expect(nextStepWords({ code: 'UserErrorRpCollectionLimitReached', message: 'The Restore Point collection max limit has reached.' }, { location: 'northeurope' })).toContain('AzureBackupRG_northeurope_1');
    expect(nextStepWords({ code: 'X', message: 'y', recommendations: ['Please ensure there are no resource locks.'] }, { location: 'eastus' })).toContain('AzureBackupRG_eastus_1');
    expect(nextStepWords({ code: 'X', message: 'y', recommendations: ['Retry later.'] }, {})).toBe('Retry later.');
    expect(nextStepWords({ code: 'X', message: 'y' }, {})).toBeUndefined();
  });

  it('gives a failed job without errors a generic error', () => {
    const job = { status: 'Failed', errors: [] } as unknown as BackupJob;
    expect(jobError(job)?.message).toContain('did not say');
    expect(jobError({ status: 'Completed', errors: [] } as unknown as BackupJob)).toBeUndefined();
  });

  it('counts right: one helper for every count, and a verb that agrees', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(2, 'policy', 'policies')).toBe('2 policies');
    expect(`${plural(1, 'recovery point')} ${isAre(1)} kept`).toBe('1 recovery point is kept');
    expect(`${plural(3, 'recovery point')} ${isAre(3)} kept`).toBe('3 recovery points are kept');
  });

  it('gives every retention or expiry day its count of days', () => {
    const now = new Date('2026-12-07T19:00:00Z');
    expect(whenDay(new Date('2027-01-06T23:59:59Z'), now).text).toBe('6 Jan 2027 (30 days)');
    expect(whenDay(new Date('2026-12-08T00:00:00Z'), now).text).toBe('8 Dec 2026 (1 day)');
    expect(whenDay(new Date('2026-12-07T23:00:00Z'), now).text).toBe('7 Dec 2026 (today)');
    expect(whenDay(new Date('2026-12-04T00:00:00Z'), now).text).toBe('4 Dec 2026 (3 days ago)');
  });
});
