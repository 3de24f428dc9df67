import { coveredSince, covers, coversId, intersectScopes, outOfScopeError, placeOfId, scopeKey, touchesSubscription, type ChannelScope } from '../../../src/access/channel-scope';

const A = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const B = '8f7e6d5c-4b3a-4c2d-9e1f-0a9b8c7d6e52';
const vm = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

describe('channel scope', () => {
  const scope: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'rg-web-prod' }, { subscriptionId: B }] };

  it('covers a bound resource group, a whole bound subscription, and nothing else', () => {
    expect(coversId(scope, vm(A, 'RG-WEB-PROD', 'web-01'))).toBe(true);
    expect(coversId(scope, vm(A.toUpperCase(), 'rg-web-prod', 'web-01'))).toBe(true);
    expect(coversId(scope, vm(A, 'rg-data-prod', 'sql-01'))).toBe(false);
    expect(coversId(scope, vm(B, 'anything', 'dev-01'))).toBe(true);
    expect(coversId(scope, 'web-01')).toBe(false);
    expect(coversId(scope, `/subscriptions/${B}`)).toBe(false);
    expect(covers(scope, { subscriptionId: A })).toBe(false);
    expect(covers(scope, { subscriptionId: B })).toBe(true);
    expect(touchesSubscription(scope, A)).toBe(true);
    expect(touchesSubscription(scope, '00000000-0000-0000-0000-000000000000')).toBe(false);
  });

  it('covers nothing when nothing is bound, and everything with the open default', () => {
    const nothing: ChannelScope = { kind: 'bound', places: [] };
    expect(coversId(nothing, vm(A, 'rg-web-prod', 'web-01'))).toBe(false);
    expect(touchesSubscription(nothing, A)).toBe(false);
    expect(coversId({ kind: 'all' }, 'anything')).toBe(true);
  });

  it('keys a scope independently of order and case', () => {
    expect(scopeKey(scope)).toBe(scopeKey({ kind: 'bound', places: [{ subscriptionId: B }, { subscriptionId: A, resourceGroup: 'RG-Web-Prod' }] }));
    expect(scopeKey({ kind: 'all' })).toBe('*');
  });

  it('intersects two scopes: a group bound in one and covered by the other stays, the rest goes', () => {
    const other: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A }, { subscriptionId: B, resourceGroup: 'rg-dev' }, { subscriptionId: B, resourceGroup: 'rg-test' }] };
    const both = intersectScopes(scope, other);
    expect(scopeKey(both)).toBe(scopeKey({ kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'rg-web-prod' }, { subscriptionId: B, resourceGroup: 'rg-dev' }, { subscriptionId: B, resourceGroup: 'rg-test' }] }));
    expect(scopeKey(intersectScopes(other, scope))).toBe(scopeKey(both));
    expect(coversId(both, vm(A, 'rg-web-prod', 'web-01'))).toBe(true);
    expect(coversId(both, vm(A, 'rg-data-prod', 'sql-01'))).toBe(false); // A whole in one, only rg-web-prod in the other
    expect(coversId(both, vm(B, 'rg-other', 'dev-09'))).toBe(false);
    // The same group in different case, twice: once.
    const groups = intersectScopes({ kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'RG-Web-Prod' }] }, scope);
    expect(groups).toEqual({ kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'RG-Web-Prod' }] });
    // Nothing shared: nothing. The open scope changes nothing.
    expect(intersectScopes({ kind: 'bound', places: [{ subscriptionId: A, resourceGroup: 'rg-x' }] }, { kind: 'bound', places: [{ subscriptionId: B }] })).toEqual({ kind: 'bound', places: [] });
    expect(intersectScopes({ kind: 'all' }, scope)).toBe(scope);
    expect(intersectScopes(scope, { kind: 'all' })).toBe(scope);
  });

  it('says since when a place is covered: the oldest binding covering it, the later of two intersected ones', () => {
    const t = (h: number) => new Date(Date.UTC(2026, 10, 24, h));
    const timed: ChannelScope = { kind: 'bound', places: [{ subscriptionId: A, since: t(12) }, { subscriptionId: A, resourceGroup: 'rg-web-prod', since: t(9) }] };
    expect(coveredSince(timed, { subscriptionId: A, resourceGroup: 'RG-WEB-PROD' })).toEqual(t(9));
    expect(coveredSince(timed, { subscriptionId: A, resourceGroup: 'rg-data-prod' })).toEqual(t(12));
    expect(coveredSince(timed, { subscriptionId: B, resourceGroup: 'rg-x' })).toBeUndefined(); // not covered
    expect(coveredSince(scope, { subscriptionId: B, resourceGroup: 'rg-x' })).toBeUndefined(); // covered, time unknown
    const both = intersectScopes(timed, { kind: 'bound', places: [{ subscriptionId: A, since: t(10) }] });
    expect(coveredSince(both, { subscriptionId: A, resourceGroup: 'rg-web-prod' })).toEqual(t(10));
    expect(coveredSince(both, { subscriptionId: A, resourceGroup: 'rg-data-prod' })).toEqual(t(12));
  });

  it('explains a refusal with the place and the bind command', () => {
    const err = outOfScopeError('VM sql-01', vm(A, 'rg-data-prod', 'sql-01'));
    expect(err.code).toBe('OUT_OF_SCOPE');
    expect(err.message).toContain(`resource group rg-data-prod of subscription ${A}`);
    expect(err.message).toContain(`backup admin bind ${A}/rg-data-prod`);
    expect(placeOfId('nope')).toBeUndefined();
  });
});
