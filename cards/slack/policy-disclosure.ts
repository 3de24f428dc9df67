/**
 * Progressive disclosure of the policy form in a Slack modal: the flows send every policy field
 * (POLICY_FIELDS); the modal shows those that apply to the chosen frequency and to the retention
 * rules the person asked for, and re-renders (dispatch_action) when either choice changes.
 * Hidden fields are not submitted, which the flows read as "no such rule".
 */
import type { FormValues } from '../../src/flows/intents';
import { POLICY_FIELDS as F, type FieldError, type FieldView, type MultiSelectField } from '../../src/flows/views';

/** Id of the Slack-only checkboxes "Also keep weekly / monthly / yearly backups". */
export const KEEP_FIELD_ID = 'slackRetentionRules';

type Rule = 'weekly' | 'monthly' | 'yearly';

const GROUPS: Record<Rule, { always: string[]; dailyOnly: string[]; count: string }> = {
  weekly: { always: [F.weeklyWeeks], dailyOnly: [F.weeklyDays], count: F.weeklyWeeks },
  monthly: { always: [F.monthlyMonths, F.monthlyWeeks, F.monthlyWeekdays], dailyOnly: [F.monthlyDaysOfMonth], count: F.monthlyMonths },
  yearly: { always: [F.yearlyYears, F.yearlyMonths, F.yearlyWeeks, F.yearlyWeekdays], dailyOnly: [F.yearlyDaysOfMonth], count: F.yearlyYears },
};
const RULES: Rule[] = ['weekly', 'monthly', 'yearly'];
const POLICY_IDS: ReadonlySet<string> = new Set(Object.values(F));

/** True when a form carries the policy fields (and so gets the disclosure). */
export function isPolicyForm(fields: readonly FieldView[]): boolean {
  return fields.some((f) => f.id === F.frequency);
}

/** Block ids the disclosure may add or remove (policy fields and the Slack-only checkboxes). */
export function isPolicyBlockId(id: string): boolean {
  return POLICY_IDS.has(id) || id === KEEP_FIELD_ID;
}

/** Fields whose change re-renders the modal. */
export const POLICY_REFRESH_ON: readonly string[] = [F.frequency, KEEP_FIELD_ID];

function valueOf(field: FieldView | undefined): string | string[] | undefined {
  if (!field) return undefined;
  switch (field.kind) {
    case 'multi-select':
      return field.values;
    case 'search':
      return field.selected?.map((o) => o.value);
    case 'number':
      return field.value === undefined ? undefined : String(field.value);
    default:
      return field.value;
  }
}

/**
 * The fields to show. `keep` is the state of the "Also keep" checkboxes when the person has
 * touched them; otherwise it is read from which retention counts have a value. A rule with a
 * field error is always shown, so the error can be seen.
 */
export function visiblePolicyFields(fields: readonly FieldView[], errors: readonly FieldError[] = [], keep?: readonly string[]): FieldView[] {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const weekly = valueOf(byId.get(F.frequency)) === 'Weekly';
  const errored = new Set(errors.map((e) => e.field));
  const chosen = new Set<Rule>();
  for (const rule of RULES) {
    const g = GROUPS[rule];
    const hasValue = (() => {
      const v = valueOf(byId.get(g.count));
      return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
    })();
    const picked = keep ? keep.includes(rule) : hasValue;
    if (picked || [...g.always, ...g.dailyOnly].some((id) => errored.has(id))) chosen.add(rule);
  }
  if (weekly) chosen.add('weekly');

  const visible = new Set<string>([F.name, F.frequency, F.time, F.timeZone]);
  if (weekly) visible.add(F.scheduleDays);
  else {
    visible.add(F.dailyDays);
    visible.add(F.instantRestoreDays);
  }
  for (const rule of chosen) {
    for (const id of GROUPS[rule].always) visible.add(id);
    if (!weekly) for (const id of GROUPS[rule].dailyOnly) visible.add(id);
  }

  // The same three options whatever the frequency: Slack keeps a checkbox's state across view
  // updates by block id, so its options must not change under it.
  const keepOptions = RULES;
  const keepField: MultiSelectField = {
    kind: 'multi-select',
    id: KEEP_FIELD_ID,
    label: 'Also keep',
    optional: true,
    options: keepOptions.map((r) => ({ value: r, label: `${r[0].toUpperCase()}${r.slice(1)} backups` })),
    values: keepOptions.filter((r) => chosen.has(r)),
    hint: weekly ? 'Weekly schedules always keep weekly backups.' : 'Longer-term retention rules, on top of the daily backups.',
  };

  const out: FieldView[] = [];
  let keepPlaced = false;
  for (const field of fields) {
    const isRuleField = RULES.some((r) => [...GROUPS[r].always, ...GROUPS[r].dailyOnly].includes(field.id));
    if (isRuleField && !keepPlaced) {
      out.push(keepField);
      keepPlaced = true;
    }
    if (!POLICY_IDS.has(field.id) || visible.has(field.id)) out.push(field);
  }
  if (!keepPlaced) out.push(keepField);
  return out;
}

/** Removes the Slack-only field from submitted values before they go to the flows. */
export function withoutDisclosureValues(values: FormValues): FormValues {
  const { [KEEP_FIELD_ID]: _ignored, ...rest } = values;
  return rest;
}
