/**
 * Who may talk to /api/messages: without an app id, only this machine; with one, only requests
 * carrying a valid Bot Framework token, checked before anything judges the body.
 */
import os from 'node:os';
import type { Request, Response } from 'express';
import { isLoopbackAddress } from '../../../adapters/teams';
import { loopbackOnly } from '../../../adapters/teams/loopback.guard';
import { messageActivity } from './teams-activities';
import { TeamsDriver } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';
import { startTokenIssuer, type TokenIssuer } from '../../support/bot-framework-token-issuer';

/** An address of this machine that is not loopback, when it has one (to be a "remote" client). */
function externalAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const nic of list ?? []) if (nic.family === 'IPv4' && !nic.internal) return nic.address;
  }
  return undefined;
}

describe('loopback addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    ['128.0.0.1', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it('refuses a request whose socket is remote with 401, even when a header claims otherwise', () => {
    const guard = loopbackOnly('The Teams endpoint');
    let status = 0;
    let nextCalled = false;
    const res = { status: (s: number) => ((status = s), res), json: () => res } as unknown as Response;
    const req = { socket: { remoteAddress: '203.0.113.9' }, headers: { 'x-forwarded-for': '127.0.0.1' } } as unknown as Request;
    guard(req, res, () => (nextCalled = true));
    expect(status).toBe(401);
    expect(nextCalled).toBe(false);
  });
});

describe('Teams without an app id', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ withoutAzure: true, host: '0.0.0.0', playground: true });
  });
  afterAll(() => h.close());

  it('takes unauthenticated activities from this machine', async () => {
    const answer = await new TeamsDriver(h).post(messageActivity(h.connector.serviceUrl, 'backup help'));
    expect(answer.status).toBe(200);
    expect(h.connector.calls).toHaveLength(1);
  });

  it('answers a body that is not JSON from this machine with 400', async () => {
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BadArgument', message: 'Malformed request body: not JSON' } });
  });

  const remote = externalAddress();
  (remote ? it : it.skip)(`refuses unauthenticated activities and the playground from another address (${remote ?? 'none on this machine'}) with 401`, async () => {
    const before = h.connector.calls.length;
    const res = await fetch(`http://${remote}:${h.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(h.connector.serviceUrl, 'backup help')),
    });
    expect(res.status).toBe(401);
    expect(h.connector.calls.length).toBe(before);
    const dl = await fetch(`http://${remote}:${h.port}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(dl.status).toBe(401);
    const page = await fetch(`http://${remote}:${h.port}/`);
    expect(page.status).toBe(401);
  });
});

describe('Teams with an app id', () => {
  const appId = '00000000-0000-0000-0000-000000000b07';
  let h: TeamsHarness;
  let issuer: TokenIssuer;
  beforeAll(async () => {
    issuer = await startTokenIssuer();
    h = await startTeamsHarness({
      withoutAzure: true,
      auth: { appId, appPassword: 'not-a-real-secret', openIdMetadataUrl: issuer.metadataUrl },
      playground: true,
    });
  });
  afterAll(async () => {
    await h.close();
    await issuer.close();
  });

  it('refuses an activity without a token with 401 and does not run it', async () => {
    const answer = await new TeamsDriver(h).post(messageActivity(h.connector.serviceUrl, 'backup help'));
    expect(answer.status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('takes an activity with a valid channel token (the control for the refusals below)', async () => {
    // A typing activity: authenticated, handled, and nothing to send back (sending would need Entra ID).
    const activity = { ...messageActivity(h.connector.serviceUrl, ''), type: 'typing' };
    const token = issuer.token({ aud: appId, serviceurl: h.connector.serviceUrl });
    const answer = await new TeamsDriver(h).post(activity, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['signed by a key Bot Framework does not publish', () => issuer.token({ aud: appId }, issuer.forger)],
    ['for another bot', () => issuer.token({ aud: '11111111-2222-3333-4444-555555555555' })],
    ['that has expired', () => issuer.token({ aud: appId, exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })],
    ['that is not a JWT', () => 'not-a-token'],
  ])('refuses an activity with a token %s with 401', async (_what, token) => {
    const activity = messageActivity(h.connector.serviceUrl, 'backup help');
    const answer = await new TeamsDriver(h).post(activity, { authorization: `Bearer ${token()}` });
    expect(answer.status).toBe(401);
    expect(h.connector.calls).toHaveLength(0);
  });

  describe('checks the token before the body', () => {
    const post = (body: string, authorization?: string): Promise<globalThis.Response> =>
      fetch(`${h.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body,
      });
    const validToken = (): string => `Bearer ${issuer.token({ aud: appId, serviceurl: h.connector.serviceUrl })}`;
    const withoutFrom = (): string => {
      const activity: Record<string, unknown> = messageActivity(h.connector.serviceUrl, 'backup help');
      delete activity.from;
      return JSON.stringify(activity);
    };
    const bodies: [string, () => string, number, RegExp][] = [
      ['an activity without from', withoutFrom, 400, /^Malformed activity: from/],
      ['an activity with a number as type', () => JSON.stringify({ ...messageActivity(h.connector.serviceUrl, 'x'), type: 5 }), 400, /^Malformed activity: type/],
      ['an empty object', () => '{}', 400, /^Malformed activity: /],
      ['a body that is not JSON', () => '{"type":"message",', 400, /^Malformed request body: not JSON$/],
      ['a body over the size limit', () => JSON.stringify({ ...messageActivity(h.connector.serviceUrl, 'x'.repeat(1_100_000)) }), 413, /^Request body too large/],
    ];

    it.each(bodies)('refuses %s without a token with 401', async (_what, body) => {
      const res = await post(body());
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required' } });
    });

    it.each(bodies)('refuses %s with a bad token with 401', async (_what, body) => {
      expect((await post(body(), `Bearer ${issuer.token({ aud: appId, serviceurl: h.connector.serviceUrl }, issuer.forger)}`)).status).toBe(401);
      expect((await post(body(), 'Bearer not-a-token')).status).toBe(401);
    });

    it.each(bodies)('answers %s with a valid token as a bad request', async (_what, body, status, message) => {
      const res = await post(body(), validToken());
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    });

    it('still checks the token against the activity once the body is well-formed (another serviceUrl: 401)', async () => {
      const activity = { ...messageActivity('https://elsewhere.example/', ''), type: 'typing' };
      expect((await post(JSON.stringify(activity), validToken())).status).toBe(401);
    });

    it('runs a well-formed activity with a valid token (the control)', async () => {
      const activity = { ...messageActivity(h.connector.serviceUrl, ''), type: 'typing' };
      expect((await post(JSON.stringify(activity), validToken())).status).toBe(200);
    });

    afterEach(() => expect(h.connector.calls).toHaveLength(0));
  });

  it('does not serve the unauthenticated playground', async () => {
    expect(h.teams.authenticated).toBe(true);
    expect(h.teams.playground).toBe(false);
    const res = await fetch(`${h.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});
