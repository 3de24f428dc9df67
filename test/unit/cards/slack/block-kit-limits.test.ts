/** The limits checker itself must catch what Slack refuses, or the card tests prove nothing. */
import { checkFieldErrors, checkMessage, checkModal, checkOptionsResponse } from '../../../support/block-kit-limits';

const button = (id: string, text = 'Go') => ({ type: 'button', action_id: id, text: { type: 'plain_text', text } });

describe('Block Kit limits checker', () => {
  it('accepts a small valid message', () => {
    expect(checkMessage({ text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] })).toEqual([]);
  });

  it.each([
    ['51 blocks', { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, /51 blocks, limit 50/],
    ['section text over 3000', { text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] }, /limit 3000/],
    ['button text over 75', { text: 't', blocks: [{ type: 'actions', elements: [button('a', 'x'.repeat(76))] }] }, /limit 75/],
    ['duplicate action ids', { text: 't', blocks: [{ type: 'actions', elements: [button('a'), button('a')] }] }, /already used/],
    ['action id over 255', { text: 't', blocks: [{ type: 'actions', elements: [button('a'.repeat(256))] }] }, /limit 255/],
    ['no fallback text', { blocks: [] }, /fallback text/],
    ['input in a message', { text: 't', blocks: [{ type: 'input', block_id: 'x', label: { type: 'plain_text', text: 'x' }, element: { type: 'plain_text_input', action_id: 'x' } }] }, /belong in modals/],
    ['11 fields', { text: 't', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] }, /11 fields/],
  ])('refuses a message with %s', (_name, message, problem) => {
    expect(checkMessage(message).join('\n')).toMatch(problem);
  });

  const modal = (over: Record<string, unknown>) => ({ type: 'modal', title: { type: 'plain_text', text: 'T' }, submit: { type: 'plain_text', text: 'OK' }, blocks: [], ...over });

  it.each([
    ['a title over 24', modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }), /limit 24/],
    ['private_metadata over 3000', modal({ private_metadata: 'x'.repeat(3001) }), /limit 3000/],
    ['callback_id over 255', modal({ callback_id: 'x'.repeat(256) }), /limit 255/],
    ['101 blocks', modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }), /101 blocks, limit 100/],
    ['inputs without submit', { ...modal({}), submit: undefined, blocks: [{ type: 'input', block_id: 'a', label: { type: 'plain_text', text: 'a' }, element: { type: 'plain_text_input', action_id: 'a' } }] }, /required when the view has input/],
    [
      'an initial option not among the options',
      modal({ blocks: [{ type: 'input', block_id: 'a', label: { type: 'plain_text', text: 'a' }, element: { type: 'static_select', action_id: 'a', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }], initial_option: { text: { type: 'plain_text', text: 'B' }, value: 'b' } } }] }),
      /not one of the options/,
    ],
    [
      'eleven radio buttons',
      modal({ blocks: [{ type: 'input', block_id: 'a', label: { type: 'plain_text', text: 'a' }, element: { type: 'radio_buttons', action_id: 'a', options: Array.from({ length: 11 }, (_, i) => ({ text: { type: 'plain_text', text: `${i}` }, value: `${i}` })) } }] }),
      /11 options, limit 10/,
    ],
  ])('refuses a modal with %s', (_name, view, problem) => {
    expect(checkModal(view).join('\n')).toMatch(problem);
  });

  it('refuses more than 100 options, option texts over 75 and values over 150', () => {
    const many = { options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `${i}` }, value: `${i}` })) };
    expect(checkOptionsResponse(many).join('\n')).toMatch(/101 options, limit 100/);
    const long = { options: [{ text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'y'.repeat(151) }] };
    expect(checkOptionsResponse(long).join('\n')).toMatch(/limit 75[\s\S]*limit 150/);
  });

  it('refuses field errors on blocks that are not inputs of the view', () => {
    const view = modal({ blocks: [{ type: 'input', block_id: 'name', label: { type: 'plain_text', text: 'n' }, element: { type: 'plain_text_input', action_id: 'name' } }] });
    expect(checkFieldErrors(view, { name: 'bad' })).toEqual([]);
    expect(checkFieldErrors(view, { other: 'bad' })).toEqual(['errors.other: not an input block of the view']);
  });
});
