import { WINDOWS_TIME_ZONES as EMULATOR_ZONES, ianaZone } from '../../../emulator/backup/time-zones';
import { nextScheduledRun, validatePolicyDefinition } from '../../../src/domain/backup-policy.rule';
import { isWindowsTimeZone, WINDOWS_TIME_ZONES as BOT_ZONES } from '../../../src/domain/time-zones';
import { CLDR_WINDOWS_ZONES } from './cldr-windows-zones';

// The bot computes "next scheduled backup" from a policy's Windows time zone; the emulator fires
// scheduled backups from the same id. Each keeps its own table (the emulator imports nothing from
// src/), so this checks them against each other and against CLDR's list of Windows ids.

const WINDOWS_IDS = CLDR_WINDOWS_ZONES.map(([id]) => id);

/** Wall-clock readings at instants spread over three years (every DST change falls between two). */
const INSTANTS = Array.from({ length: 36 * 4 }, (_, i) => new Date(Date.UTC(2024, Math.floor(i / 4), i % 2 === 0 ? 1 : 16, i % 4 < 2 ? 0 : 12, 30)));
const wallClock = (zone: string): string[] => {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return INSTANTS.map((t) => format.format(t));
};

describe('Windows time zones: the bot and the emulator', () => {
  test('both list every Windows id, and no other', () => {
    expect(new Set(WINDOWS_IDS).size).toBe(WINDOWS_IDS.length);
    expect(Object.keys(BOT_ZONES).sort()).toEqual([...WINDOWS_IDS].sort());
    expect(Object.keys(EMULATOR_ZONES).sort()).toEqual([...WINDOWS_IDS].sort());
  });

  test.each(CLDR_WINDOWS_ZONES)('%s: the same IANA zone in both, accepted by Intl, keeping CLDR\'s time (%s)', (id, cldrZone) => {
    const zone = BOT_ZONES[id];
    expect(EMULATOR_ZONES[id]).toBe(zone);
    expect(ianaZone(id)).toBe(zone);
    expect(ianaZone(id.toUpperCase())).toBe(zone);
    expect(isWindowsTimeZone(id)).toBe(true);
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
    // The current IANA name where CLDR keeps an older one (Europe/Kyiv for Europe/Kiev): the same clock.
    expect(wallClock(zone)).toEqual(wallClock(cldrZone));
  });

  test('FLE Standard Time is Europe/Kyiv, the current IANA name, in both', () => {
    expect(BOT_ZONES['FLE Standard Time']).toBe('Europe/Kyiv');
    expect(ianaZone('FLE Standard Time')).toBe('Europe/Kyiv');
  });

  test('a policy in a zone beyond the common ones is accepted and runs at its local time', () => {
    const schedule = { frequency: 'Daily' as const, time: '02:00', timeZone: 'Nepal Standard Time' };
    expect(validatePolicyDefinition({ name: 'kathmandu-nightly', schedule, retention: { daily: { days: 7 } } })).toMatchObject({ ok: true });
    // 02:00 in Kathmandu (UTC+05:45) is 20:15 UTC the day before.
    expect(nextScheduledRun(schedule, new Date('2026-11-24T12:00:00Z')).toISOString()).toBe('2026-11-24T20:15:00.000Z');
  });

  test('the emulator reads an id it does not know, or none, as UTC', () => {
    expect(ianaZone('Mars Standard Time')).toBe('Etc/UTC');
    expect(ianaZone(undefined)).toBe('Etc/UTC');
  });
});
