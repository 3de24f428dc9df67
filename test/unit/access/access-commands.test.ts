import { parseAccessCommand, parsePrincipal, parseScope, parseSince } from '../../../src/access/access-commands';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const parse = (text: string) => parseAccessCommand(text, NOW);

describe('access command parser', () => {
  it('leaves every other command to the command parser', () => {
    for (const text of ['', 'backup', 'backup status web-01', 'enable web-01', 'administer', 'help admin']) expect(parse(text)).toBeUndefined();
  });

  it.each([
    [`backup admin bind ${SUB}`, { kind: 'admin.bind', scope: { subscriptionId: SUB } }],
    [`admin bind ${SUB.toUpperCase()}/rg-Web`, { kind: 'admin.bind', scope: { subscriptionId: SUB, resourceGroup: 'rg-Web' } }],
    [`/backup admin unbind /subscriptions/${SUB}/resourceGroups/rg-web/`, { kind: 'admin.unbind', scope: { subscriptionId: SUB, resourceGroup: 'rg-web' } }],
    ['backup admin bindings', { kind: 'admin.bindings' }],
    ['backup admin roles', { kind: 'admin.roles' }],
    ['backup admin', { kind: 'admin.help' }],
    ['backup admin grant OPERATOR <@U042|ana>', { kind: 'admin.grant', role: 'operator', principal: { kind: 'user', id: 'U042', name: 'ana' } }],
    ['backup admin grant viewer <!subteam^S0OPS|@ops>', { kind: 'admin.grant', role: 'viewer', principal: { kind: 'group', id: 'S0OPS', name: 'ops' } }],
    ['backup admin grant admin user:6f1c2d3e-0000-4000-8000-00000000abcd', { kind: 'admin.grant', role: 'admin', principal: { kind: 'user', id: '6f1c2d3e-0000-4000-8000-00000000abcd' } }],
    ['backup admin revoke <@U042>', { kind: 'admin.revoke', principal: { kind: 'user', id: 'U042' } }],
    ['backup admin revoke operator group:g-1', { kind: 'admin.revoke', role: 'operator', principal: { kind: 'group', id: 'g-1' } }],
    ['backup audit', { kind: 'audit' }],
    ['backup audit web-01 7d', { kind: 'audit', resource: 'web-01', since: { at: new Date('2026-11-17T12:00:00.000Z'), text: 'last 7d' } }],
    ['backup audit since 2026-11-20 <@U042>', { kind: 'audit', user: { kind: 'user', id: 'U042' }, since: { at: new Date('2026-11-20T00:00:00.000Z'), text: 'since 2026-11-20' } }],
  ])('reads %s', (text, command) => {
    expect(parse(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['backup admin bind', /one subscription/],
    ['backup admin bind not-a-guid', /not a subscription id/],
    [`backup admin bind ${SUB}/rg web`, /one subscription/],
    [`backup admin bind ${SUB}/bad*name`, /not a resource group name/],
    [`backup admin bind /subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-01`, /not a single resource/],
    ['backup admin grant boss <@U1>', /not a role/],
    ['backup admin grant viewer @ana', /not the person's id/],
    ['backup admin grant viewer ana', /not a person or group/],
    ['backup admin grant viewer', /a role and a person/],
    ['backup admin revoke', /takes a person/],
    ['backup admin bindings extra', /no arguments/],
    ['backup audit web-01 web-02', /one VM or person/],
    ['backup audit 7d 24h', /one "since"/],
    ['backup audit <!subteam^S1>', /not a group/],
  ])('explains what is wrong with %s', (text, problem) => {
    const r = parse(text);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.problem).toMatch(problem);
      expect(r.usage).toMatch(/^backup (admin|audit)/);
    }
  });

  it('answers an unknown admin command with help and a did-you-mean', () => {
    expect(parse('backup admin grnat viewer <@U1>')).toEqual({ ok: true, command: { kind: 'admin.help', problem: 'Unknown admin command "grnat". Did you mean "backup admin grant"?' } });
  });

  it('never throws on odd input', () => {
    for (const text of ['admin bind ' + 'x'.repeat(5000), 'admin grant viewer <@' + 'A'.repeat(300) + '>', 'audit ' + '\u0000'.repeat(10), 'admin "unclosed', 'audit 99999d']) {
      expect(() => parse(text)).not.toThrow();
    }
  });

  it('reads scopes, principals and times on their own', () => {
    expect(parseScope(`${SUB}/`)).toEqual({ subscriptionId: SUB });
    expect(parsePrincipal('user:')).toEqual({ problem: expect.stringMatching(/not a person or group/) });
    expect(parsePrincipal('user:a b')).toEqual({ problem: expect.stringMatching(/does not name a user id/) });
    expect(parseSince('2026-02-30', NOW)).toBeUndefined();
    expect(parseSince('90m', NOW)?.at).toEqual(new Date('2026-11-24T10:30:00.000Z'));
  });
});
