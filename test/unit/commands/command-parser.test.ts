import { commandToIntent, parseCommand, tokenize } from '../../../src/commands/command-parser';
import { didYouMean, editDistance } from '../../../src/commands/did-you-mean';
import { parseIntent } from '../../../src/flows/intent.schema';

const intentOf = (text: string) => {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(`parse error: ${r.error.message}`);
  return r.intent;
};

describe('parseCommand', () => {
  it.each([
    ['', { type: 'help' }],
    ['backup', { type: 'help' }],
    ['help', { type: 'help' }],
    ['help policy', { type: 'help', topic: 'policy' }],
    ['enable', { type: 'enable.start' }],
    ['enable web-01', { type: 'enable.start', vm: 'web-01' }],
    ['backup enable web-01', { type: 'enable.start', vm: 'web-01' }],
    ['/backup   enable   web-01  ', { type: 'enable.start', vm: 'web-01' }],
    ['BACKUP ENABLE Web-01', { type: 'enable.start', vm: 'Web-01' }],
    ['vault', { type: 'vault.start' }],
    ['policy', { type: 'policy.list' }],
    ['policy list', { type: 'policy.list' }],
    ['policy list vault-weu', { type: 'policy.list', vault: 'vault-weu' }],
    ['policy show DefaultPolicy', { type: 'policy.show', name: 'DefaultPolicy' }],
    ['policy show nightly vault-weu', { type: 'policy.show', name: 'nightly', vault: 'vault-weu' }],
    ['policy create', { type: 'policy.create' }],
    ['policy create vault-weu', { type: 'policy.create', vault: 'vault-weu' }],
    ['now web-01', { type: 'now.start', vm: 'web-01' }],
    ['now', { type: 'now.start' }],
    ['status', { type: 'status' }],
    ['status web-01', { type: 'status', target: 'web-01' }],
    ['jobs', { type: 'jobs.list' }],
    ['jobs running', { type: 'jobs.list', filter: 'running' }],
    ['jobs failed', { type: 'jobs.list', filter: 'failed' }],
    ['jobs last 24h', { type: 'jobs.list', filter: 'last24h' }],
    ['jobs LAST 24H', { type: 'jobs.list', filter: 'last24h' }],
    ['vms', { type: 'vms.list' }],
    ['vms web', { type: 'vms.list', query: 'web' }],
    ['vms web westeurope', { type: 'vms.list', query: 'web westeurope' }],
    ['status "my vault"', { type: 'status', target: 'my vault' }],
  ])('%j -> %j', (text, expected) => {
    expect(intentOf(text)).toEqual(expected);
  });

  it('turns an unknown subcommand into help with a did-you-mean', () => {
    expect(intentOf('enabel web-01')).toEqual({ type: 'help', unknown: 'enabel', suggestion: 'enable' });
    expect(intentOf('stauts')).toEqual({ type: 'help', unknown: 'stauts', suggestion: 'status' });
    expect(intentOf('job')).toEqual({ type: 'help', unknown: 'job', suggestion: 'jobs' });
    expect(intentOf('restore web-01')).toEqual({ type: 'help', unknown: 'restore' });
  });

  it.each([
    ['enable web-01 web-02', 'enable', 'backup enable [vm]'],
    ['now a b', 'now', 'backup now <vm>'],
    ['jobs yesterday', 'jobs', 'backup jobs [running|failed|last 24h]'],
    ['policy show', 'policy', 'backup policy [list|show <name>|create] [vault] | policy set <vm> [policy]'],
    ['policy lst', 'policy', 'backup policy [list|show <name>|create] [vault] | policy set <vm> [policy]'],
    ['vault extra', 'vault', 'backup vault'],
    ['status a b', 'status', 'backup status [vm|vault]'],
  ])('%j is a parse error with the usage line', (text, topic, usage) => {
    const r = parseCommand(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.topic).toBe(topic);
    expect(r.error.usage).toBe(usage);
    expect(r.error.message.length).toBeGreaterThan(10);
  });

  it('suggests the policy subcommand it was close to', () => {
    const r = parseCommand('policy lst');
    expect(!r.ok && r.error.message).toContain('policy list');
  });

  it('commandToIntent maps a parse error to the topic help with the problem', () => {
    expect(commandToIntent('jobs yesterday')).toEqual({ type: 'help', topic: 'jobs', problem: expect.stringContaining('yesterday') });
  });

  it('every parsed intent passes the intent schema (what buttons carry)', () => {
    for (const text of ['enable web-01', 'vault', 'policy show x v', 'now web-01', 'jobs failed', 'vms a b', 'status x', 'zzz']) {
      const intent = intentOf(text);
      expect(parseIntent(JSON.stringify(intent))).toEqual(intent);
    }
  });
});

describe('tokenize', () => {
  it('keeps quoted arguments together', () => {
    expect(tokenize(`status "a b" 'c d' e`)).toEqual(['status', 'a b', 'c d', 'e']);
  });
});

describe('did you mean', () => {
  const known = ['enable', 'vault', 'policy', 'now', 'status', 'jobs', 'vms', 'help'];
  it('counts a transposition as one edit', () => {
    expect(editDistance('enabel', 'enable')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it.each([
    ['enabel', 'enable'],
    ['eanble', 'enable'],
    ['valut', 'vault'],
    ['polcy', 'policy'],
    ['nwo', 'now'],
    ['stats', 'status'],
    ['jbos', 'jobs'],
    ['vm', 'vms'],
    ['ena', 'enable'],
    ['pol', 'policy'],
  ])('%s -> %s', (typed, expected) => {
    expect(didYouMean(typed, known)).toBe(expected);
  });
  it.each(['restore', 'xyz', 'delete', ''])('%j has no suggestion', (typed) => {
    expect(didYouMean(typed, known)).toBeUndefined();
  });
});
