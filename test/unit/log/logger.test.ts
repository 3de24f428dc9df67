import { createLogger, redact, redactText, REDACTED } from '../../../src/log';

function capture(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(line), now: () => new Date('2026-11-24T10:00:00.000Z') });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message, bindings and fields', () => {
    const { logger, lines, records } = capture();
    logger.child({ component: 'slack' }).info('command received', { command: '/backup', count: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(records()[0]).toEqual({ time: '2026-11-24T10:00:00.000Z', level: 'info', msg: 'command received', component: 'slack', command: '/backup', count: 2 });
  });

  it('drops lines below its level', () => {
    const { logger, records } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);
    const silent = capture('silent');
    silent.logger.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('redacts secret fields, tokens in text, and headers of errors', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('request failed with Authorization: Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.sig'), { statusCode: 401 });
    logger.error('slack call failed', {
      token: 'xoxb-123-456-abcdef',
      headers: { Authorization: 'Bearer abc.def', 'content-type': 'application/json' },
      note: 'used xapp-1-A02-999-deadbeef and xoxp-77-88 and postgres://bot:hunter2@db:5432/app',
      error,
    });
    const text = lines.join('');
    for (const secret of ['xoxb-123', 'abc.def', 'eyJhbGciOi', 'xapp-1-A02', 'xoxp-77', 'hunter2']) expect(text).not.toContain(secret);
    const record = JSON.parse(lines[0]) as { token: string; headers: Record<string, string>; note: string; error: Record<string, unknown> };
    expect(record.token).toBe(REDACTED);
    expect(record.headers).toEqual({ Authorization: REDACTED, 'content-type': 'application/json' });
    expect(record.note).toBe(`used ${REDACTED} and ${REDACTED} and postgres://bot:${REDACTED}@db:5432/app`);
    expect(record.error).toMatchObject({ name: 'Error', message: `request failed with Authorization: Bearer ${REDACTED}`, statusCode: 401 });
    expect(record.error.stack).toEqual(expect.stringContaining('Bearer [REDACTED]'));
  });

  it('survives cycles, bigints and dates', () => {
    const { logger, records } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.info('odd values', { loop, big: 10n, when: new Date('2026-01-02T03:04:05.000Z') });
    expect(records()[0]).toMatchObject({ loop: { name: 'loop', self: '[Circular]' }, big: '10', when: '2026-01-02T03:04:05.000Z' });
  });
});

describe('redact', () => {
  it('leaves ordinary values alone', () => {
    expect(redact({ vm: 'web-01', count: 3, ok: true, list: ['a'] })).toEqual({ vm: 'web-01', count: 3, ok: true, list: ['a'] });
    expect(redactText('Backup job 7f9a finished in 4 minutes')).toBe('Backup job 7f9a finished in 4 minutes');
  });

  it('drops the request and response an SDK error carries', () => {
    const error = Object.assign(new Error('Conflict'), { code: 'UserErrorX', request: { headers: { authorization: 'Bearer x' } }, response: { body: '...' } });
    expect(redact(error)).toEqual({ name: 'Error', message: 'Conflict', code: 'UserErrorX', stack: expect.any(String) });
  });
});
