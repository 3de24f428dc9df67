import { hotFunctions, isCpuProfile, type CpuProfile } from '../../../bench/lib/cpu-profile';
import { keystrokes, messageButtons, suggestionPayload } from '../../../bench/lib/slack-payloads';
import { slackSignature } from '../../../bench/lib/slack-signing';

describe('Slack request signing', () => {
  it('matches the worked example of Slack\'s "Verifying requests from Slack"', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });
});

describe('payload helpers', () => {
  it('types a query letter by letter', () => {
    expect(keystrokes('web')).toEqual(['w', 'we', 'web']);
    expect(keystrokes('')).toEqual([]);
  });

  it('finds the buttons of a message, in accessories and actions blocks', () => {
    const blocks = [
      { type: 'section', block_id: 's', accessory: { type: 'button', action_id: 'status', value: '{}' } },
      { type: 'actions', elements: [{ type: 'button', action_id: 'now.start', value: '{}' }, { type: 'static_select', action_id: 'x' }] },
    ];
    expect(messageButtons(blocks).map((b) => [b.blockId, b.element.action_id])).toEqual([
      ['s', 'status'],
      ['b', 'now.start'],
    ]);
    expect(messageButtons(undefined)).toEqual([]);
  });

  it('sends the typed value with the view the select is in', () => {
    const payload = suggestionPayload({ id: 'V1', private_metadata: 'm', blocks: [] }, 'vm', 'vm', 'we');
    expect(payload).toMatchObject({ type: 'block_suggestion', action_id: 'vm', block_id: 'vm', value: 'we', view: { id: 'V1', private_metadata: 'm' } });
  });
});

describe('CPU profile summary', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: 'searchIndex', url: 'file:///repo/src/inventory/inventory-search.ts', lineNumber: 41 } },
      { id: 3, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
      { id: 4, callFrame: { functionName: '', url: 'file:///repo/src/x.ts', lineNumber: 0 } },
    ],
    samples: [2, 2, 3, 4, 2, 3],
    timeDeltas: [1000, 1000, 4000, 1000, 1000, 2000],
  };

  it('ranks functions by self time, with repository-relative files', () => {
    const hot = hotFunctions(profile, '/repo');
    expect(hot[0]).toEqual({ where: '(idle)', selfMs: 6, share: 0.6 });
    expect(hot[1]).toEqual({ where: 'searchIndex (src/inventory/inventory-search.ts)', selfMs: 3, share: 0.3 });
    expect(hot[2].where).toBe('(anonymous) (src/x.ts)');
  });

  it('can leave idle time out, so shares are of busy time', () => {
    const hot = hotFunctions(profile, '/repo', 10, { excludeIdle: true });
    expect(hot.map((h) => h.where)).not.toContain('(idle)');
    expect(hot[0].share).toBe(0.75);
  });

  it('leaves out the profiler stopping itself in a process that profiles itself', () => {
    const self: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4] },
        { id: 2, callFrame: { functionName: 'post', url: 'node:inspector', lineNumber: 111 }, children: [3] },
        { id: 3, callFrame: { functionName: 'dispatch', url: '', lineNumber: -1 } },
        { id: 4, callFrame: { functionName: 'searchIndex', url: 'file:///repo/src/inventory/inventory-search.ts', lineNumber: 41 } },
      ],
      samples: [3, 3, 4],
      timeDeltas: [5000, 5000, 1000],
    };
    expect(hotFunctions(self, '/repo')).toEqual([{ where: 'searchIndex (src/inventory/inventory-search.ts)', selfMs: 1, share: 1 }]);
  });

  it('recognises a profile', () => {
    expect(isCpuProfile(profile)).toBe(true);
    expect(isCpuProfile({ nodes: [] })).toBe(false);
  });
});
