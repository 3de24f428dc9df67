import { commandToIntent, parseCommand } from '../../../src/commands/command-parser';
import { parseIntent } from '../../../src/flows/intent.schema';

describe('parsing the notification commands', () => {
  test.each([
    ['backup subscribe', { type: 'subscribe' }],
    ['subscribe rsv-prod-weu', { type: 'subscribe', scope: 'rsv-prod-weu' }],
    ['subscribe vault rsv-prod-weu failures', { type: 'subscribe', scope: 'rsv-prod-weu', scopeKind: 'vault', events: ['failures'] }],
    ['subscribe resource group rg-web-prod pending and failures only', { type: 'subscribe', scope: 'rg-web-prod', scopeKind: 'resource-group', events: ['pending', 'failures'] }],
    ['subscribe rg rg-web-prod pending,jobs', { type: 'subscribe', scope: 'rg-web-prod', scopeKind: 'resource-group', events: ['pending', 'jobs'] }],
    ['subscribe subscription 3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61 digest', { type: 'subscribe', scope: '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61', scopeKind: 'subscription', events: ['pending'] }],
    ['subscribe "my vault" failed', { type: 'subscribe', scope: 'my vault', events: ['failures'] }],
    ['unsubscribe', { type: 'unsubscribe' }],
    ['unsubscribe all', { type: 'unsubscribe', all: true }],
    ['unsubscribe vault rsv-prod-weu', { type: 'unsubscribe', scope: 'rsv-prod-weu', scopeKind: 'vault' }],
    ['subscriptions', { type: 'subscriptions.list' }],
    ['health', { type: 'health' }],
  ])('%s', (text, intent) => {
    expect(parseCommand(text)).toEqual({ ok: true, intent });
    // What the parser makes is what a button may carry.
    expect(parseIntent(intent)).toEqual(intent);
  });

  test.each([
    ['subscribe vault', 'Name the vault to follow.'],
    ['subscribe failures', 'Name what to follow first'],
    ['subscribe rsv-1 rsv-2', 'subscribe takes one subscription, resource group or vault'],
    ['unsubscribe a b', 'unsubscribe takes one'],
    ['health now', 'health takes no arguments'],
    // `threaded` lays out finished jobs: without them it would be dropped without a word.
    ['subscribe rsv-prod-weu coverage threaded', 'threaded puts finished jobs in one thread a day: add jobs or failures'],
    ['subscribe rsv-prod-weu pending threaded', 'threaded puts finished jobs in one thread a day: add jobs or failures'],
    ['subscribe rsv-prod-weu jobs failures', 'Choose jobs (every finished job) or failures (failed jobs only), not both'],
  ])('%s is refused with its usage', (text, message) => {
    const result = parseCommand(text);
    if (result.ok) throw new Error(`parsed: ${JSON.stringify(result.intent)}`);
    expect(result.error.message).toContain(message);
    expect(commandToIntent(text)).toMatchObject({ type: 'help', topic: text.split(' ')[0] });
  });

  test('a typo gets a did-you-mean', () => {
    expect(commandToIntent('subscibe rsv')).toEqual({ type: 'help', unknown: 'subscibe', suggestion: 'subscribe' });
  });

  test('buttons with a forged shape are refused', () => {
    expect(parseIntent({ type: 'subscribe', events: ['everything'] })).toBeUndefined();
    expect(parseIntent({ type: 'unsubscribe', all: 'yes' })).toBeUndefined();
  });
});
