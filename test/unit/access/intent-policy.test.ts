import { COMMAND_RULES, INTENT_RULES, requirementOf } from '../../../src/access/intent-policy';
import { INTENT_TYPES } from '../../../src/flows/intents';
import { parseIntent } from '../../../src/flows/intent.schema';

describe('the classification of actions', () => {
  it('classifies every intent type, and nothing else', () => {
    expect(Object.keys(INTENT_RULES).sort()).toEqual([...INTENT_TYPES].sort());
  });

  it('classifies every access command', () => {
    expect(Object.keys(COMMAND_RULES).sort()).toEqual(['admin.bind', 'admin.bindings', 'admin.grant', 'admin.help', 'admin.revoke', 'admin.roles', 'admin.unbind', 'audit']);
  });

  it('needs a role for every change, admin for settings, and limits only changes', () => {
    for (const [type, rule] of Object.entries(INTENT_RULES)) {
      if (rule.changes) expect({ type, needs: rule.needs }).not.toEqual({ type, needs: 'anyone' });
      if (rule.costly) expect({ type, changes: rule.changes }).toEqual({ type, changes: true });
      if (rule.changes) expect({ type, window: typeof rule.repeatWindowMs }).toEqual({ type, window: 'number' });
    }
    for (const kind of ['admin.bind', 'admin.unbind', 'admin.grant', 'admin.revoke', 'audit'] as const) expect(COMMAND_RULES[kind].needs).toBe('admin');
  });

  it('asks admin to pick a vault for a new policy, viewer to list', () => {
    const list = parseIntent({ type: 'policy.pickVault', next: 'list', values: {} });
    const create = parseIntent({ type: 'policy.pickVault', next: 'create', values: {} });
    if (list?.type !== 'policy.pickVault' || create?.type !== 'policy.pickVault') throw new Error('not parsed');
    expect(requirementOf(INTENT_RULES['policy.pickVault'], list)).toBe('viewer');
    expect(requirementOf(INTENT_RULES['policy.pickVault'], create)).toBe('admin');
  });
});
