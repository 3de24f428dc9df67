import { keyPart } from '../../../src/util/key-part';

// The trigger id of the example payload in Slack's "Implementing slash commands" (api.slack.com).
const SLACK_TRIGGER = '13345224609.738474920.8088930838d88f008e0';
// A Teams channel conversation id, shaped as in test/integration/teams/teams-activities.ts.
const TEAMS_CHANNEL = '19:6848757105754c8981c67612732d9aa7@thread.tacv2;messageid=1733500000000';

describe('claim key parts', () => {
  it('keep Slack and Teams ids as they are, so claimed keys stay readable and unchanged', () => {
    expect(keyPart(SLACK_TRIGGER)).toBe(SLACK_TRIGGER);
    expect(keyPart(TEAMS_CHANNEL)).toBe(TEAMS_CHANNEL);
    expect(keyPart('x'.repeat(120))).toBe('x'.repeat(120));
  });

  it('replace a longer part by a SHA-256 prefix, as the Teams adapter already did (keys claimed before stay the same)', () => {
    // Value computed with the Teams adapter's former keyPart for this part.
    expect(keyPart(`a:1${'x'.repeat(130)}`)).toBe('h.PSwmMG4PkkueS30GIJ88TP1kQ2O1rqk6');
    expect(keyPart('x'.repeat(121))).toMatch(/^h\.[A-Za-z0-9_-]{32}$/);
    expect(keyPart('x'.repeat(300_000))).not.toBe(keyPart('y'.repeat(300_000)));
  });
});
