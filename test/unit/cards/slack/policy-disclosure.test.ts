/** The policy form in Slack: only the fields that apply, re-rendered as choices change. */
import { formModal, refreshPolicyModal } from '../../../../cards/slack';
import { KEEP_FIELD_ID, visiblePolicyFields } from '../../../../cards/slack/policy-disclosure';
import { POLICY_FIELDS as F } from '../../../../src/flows/views';
import { checkModal } from '../../../support/block-kit-limits';
import { FORMS, policyFieldViews } from './fixtures';

type Input = { type: string; block_id?: string; dispatch_action?: boolean };
const inputIds = (blocks: unknown[]): string[] => (blocks as Input[]).filter((b) => b.type === 'input').map((b) => b.block_id as string);

describe('policy form disclosure', () => {
  it('shows a daily schedule with daily retention, the "Also keep" choice, and nothing weekly', () => {
    const ids = visiblePolicyFields(policyFieldViews('Daily')).map((f) => f.id);
    expect(ids).toEqual([F.name, F.frequency, F.time, F.timeZone, F.dailyDays, KEEP_FIELD_ID, F.instantRestoreDays]);
  });

  it('shows the days and weekly retention for a weekly schedule', () => {
    const ids = visiblePolicyFields(policyFieldViews('Weekly')).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining([F.scheduleDays, F.weeklyWeeks]));
    expect(ids).not.toContain(F.dailyDays);
    expect(ids).not.toContain(F.weeklyDays);
    expect(ids).not.toContain(F.monthlyDaysOfMonth);
  });

  it('shows the rules that already have a value, or that have an error', () => {
    const withYearly = visiblePolicyFields(policyFieldViews('Weekly', { weekly: '8', yearly: '3' })).map((f) => f.id);
    expect(withYearly).toEqual(expect.arrayContaining([F.yearlyYears, F.yearlyMonths, F.yearlyWeeks, F.yearlyWeekdays]));
    expect(withYearly).not.toContain(F.monthlyMonths);
    const withError = visiblePolicyFields(policyFieldViews('Daily'), [{ field: F.monthlyWeeks, code: 'X', message: 'x' }]).map((f) => f.id);
    expect(withError).toContain(F.monthlyWeeks);
  });

  it('follows the "Also keep" choice once the person made it', () => {
    const ids = visiblePolicyFields(policyFieldViews('Daily', { yearly: '3' }), [], ['monthly']).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining([F.monthlyMonths, F.monthlyDaysOfMonth]));
    expect(ids).not.toContain(F.yearlyYears);
  });

  it('makes the frequency and "Also keep" inputs dispatch their changes', () => {
    const modal = formModal(FORMS['vault.newPolicy-daily']);
    const dispatching = (modal.blocks as Input[]).filter((b) => b.dispatch_action).map((b) => b.block_id);
    expect(dispatching).toEqual([F.frequency, KEEP_FIELD_ID]);
  });

  it('re-renders an open modal: other blocks, title and metadata stay, policy blocks follow the choice', () => {
    const open = formModal(FORMS['vault.newPolicy-daily'], { channel: 'C0OPS', origin: 'cmd:1' });
    const next = refreshPolicyModal(
      { title: open.title, submit: open.submit, close: open.close, callback_id: open.callback_id, private_metadata: open.private_metadata, blocks: open.blocks as never },
      policyFieldViews('Weekly'),
      ['weekly', 'monthly'],
    );
    expect(checkModal(next)).toEqual([]);
    expect(next.private_metadata).toBe(open.private_metadata);
    expect(next.blocks[0]).toEqual(open.blocks[0]);
    const ids = inputIds(next.blocks);
    expect(ids).toEqual(expect.arrayContaining([F.scheduleDays, F.weeklyWeeks, F.monthlyMonths]));
    expect(ids).not.toContain(F.dailyDays);
    expect(ids.filter((id) => id === KEEP_FIELD_ID)).toHaveLength(1);
  });
});
