/** Type-ahead answers and the compact option values that keep ARM ids within 150 characters. */
import { suggestionOptions } from '../../../../cards/slack';
import { decodeOptionValue, encodeOptionValue } from '../../../../cards/slack/option-value';
import { checkOptionsResponse } from '../../../support/block-kit-limits';
import { SUGGESTIONS, vaultId, vmId } from './fixtures';

describe('type-ahead options', () => {
  it.each(Object.keys(SUGGESTIONS))('%s is an options answer Slack accepts', (name) => {
    expect(checkOptionsResponse(suggestionOptions(SUGGESTIONS[name]))).toEqual([]);
  });

  it('answers at most 100 options', () => {
    expect(suggestionOptions(SUGGESTIONS.many).options).toHaveLength(100);
  });

  it('leaves out an option Slack could not carry instead of failing the list', () => {
    const answer = suggestionOptions(SUGGESTIONS.unusable);
    expect(answer.options.map((o) => o.text.text)).toEqual(['web-0']);
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
