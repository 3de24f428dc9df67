/** Type-ahead answers and the compact option values that keep ARM ids within 150 characters. */
import { suggestionOptions } from '../../../../cards/slack';
import { decodeOptionValue, encodeOptionValue } from '../../../../cards/slack/option-value';
import { checkOptionsResponse } from '../../../support/block-kit-limits';
import { SUGGESTIONS, vaultId, vmId } from './fixtures';

/** The flat options of an answer without a note (the common case). */
function flat(answer: ReturnType<typeof suggestionOptions>) {
  if (!('options' in answer)) throw new Error('expected flat options');
  return answer.options;
}

describe('type-ahead options', () => {
  it.each(Object.keys(SUGGESTIONS))('%s is an options answer Slack accepts', (name) => {
    expect(checkOptionsResponse(suggestionOptions(SUGGESTIONS[name]))).toEqual([]);
  });

  it('answers at most 100 options', () => {
    expect(flat(suggestionOptions(SUGGESTIONS.many))).toHaveLength(100);
  });

  it('leaves out an option Slack could not carry instead of failing the list', () => {
    const answer = suggestionOptions(SUGGESTIONS.unusable);
    expect(flat(answer).map((o) => o.text.text)).toEqual(['web-0']);
  });

  it('while the VM list loads, heads the matches with what is loaded (an option group label, not a choice)', () => {
    const note = { value: 'inventory-loading', label: 'Loading the VM list: 42,000 of about 100,000…', description: 'Matches among the VMs loaded so far; type again for more.', note: true as const };
    const answer = suggestionOptions([note, ...SUGGESTIONS.few]);
    expect(checkOptionsResponse(answer)).toEqual([]);
    expect(answer).toEqual({ option_groups: [{ label: { type: 'plain_text', text: 'Loading the VM list: 42,000 of about 100,000…', emoji: true }, options: flat(suggestionOptions(SUGGESTIONS.few)) }] });
    // nothing matches yet: the note alone, so the empty list still says why
    const alone = suggestionOptions([note]);
    expect(checkOptionsResponse(alone)).toEqual([]);
    expect(flat(alone).map((o) => o.text.text)).toEqual(['Loading the VM list: 42,000 of about 100,000…']);
  });

  it('matches its golden', () => {
    expect(suggestionOptions(SUGGESTIONS.few)).toMatchSnapshot();
  });
});

describe('option values', () => {
  it('round-trips VM and vault ids through the compact form', () => {
    for (const id of [vmId('rg-web-prod', 'web-01'), vaultId('rsv-prod-weu'), vmId(`rg-${'a'.repeat(57)}`, `vm-${'b'.repeat(37)}`)]) {
      const encoded = encodeOptionValue(id);
      expect(encoded.length).toBeLessThanOrEqual(150);
      expect(decodeOptionValue(encoded)).toBe(id);
    }
  });

  it('keeps other values as they are', () => {
    for (const v of ['new', 'default', 'GeoRedundant', 'Sunday', '02:00', '/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z']) {
      expect(decodeOptionValue(encodeOptionValue(v))).toBe(v);
    }
  });
});
