/**
 * A checker for Slack's documented Block Kit limits, used by card tests and by the fake Slack
 * Web API (which refuses what Slack would refuse with `invalid_blocks`).
 *
 * It walks plain JSON (not typed Block Kit) on purpose: the point is to catch what the
 * TypeScript types cannot, i.e. lengths, counts, uniqueness and cross-field rules.
 * Sources: docs.slack.dev/reference/block-kit/{blocks,block-elements,composition-objects},
 * docs.slack.dev/reference/views and /surfaces/modals.
 */

export type Surface = 'message' | 'modal' | 'home';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

class Checker {
  readonly problems: string[] = [];
  private actionIds = new Map<string, string>();
  private blockIds = new Map<string, string>();

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  maxLen(path: string, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) this.fail(path, `${value.length} characters, limit ${max}`);
  }

  /** A text object: type plain_text or mrkdwn, non-empty text, at most `max` characters. */
  text(path: string, value: unknown, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.fail(path, 'missing text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') this.fail(path, `text object type ${String(value.type)}`);
    if (plainOnly && value.type !== 'plain_text') this.fail(path, 'must be plain_text');
    if (typeof value.text !== 'string' || value.text.length === 0) this.fail(path, 'empty text');
    this.maxLen(`${path}.text`, value.text, max);
  }

  actionId(path: string, id: unknown): void {
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0) {
      this.fail(path, 'action_id must be a non-empty string');
      return;
    }
    this.maxLen(path, id, 255);
    const seen = this.actionIds.get(id);
    if (seen !== undefined) this.fail(path, `action_id "${id}" already used at ${seen}`);
    else this.actionIds.set(id, path);
  }

  blockId(path: string, id: unknown): void {
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0) {
      this.fail(path, 'block_id must be a non-empty string');
      return;
    }
    this.maxLen(path, id, 255);
    const seen = this.blockIds.get(id);
    if (seen !== undefined) this.fail(path, `block_id "${id}" already used at ${seen}`);
    else this.blockIds.set(id, path);
  }

  confirm(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.fail(path, 'confirm must be an object');
      return;
    }
    if (value.title !== undefined) this.text(`${path}.title`, value.title, 100, true);
    this.text(`${path}.text`, value.text, 300);
    if (value.confirm !== undefined) this.text(`${path}.confirm`, value.confirm, 30, true);
    if (value.deny !== undefined) this.text(`${path}.deny`, value.deny, 30, true);
  }

  option(path: string, value: unknown, textMax = 75): void {
    if (!isObject(value)) {
      this.fail(path, 'option must be an object');
      return;
    }
    this.text(`${path}.text`, value.text, textMax);
    if (typeof value.value !== 'string' || value.value.length === 0) this.fail(`${path}.value`, 'missing value');
    this.maxLen(`${path}.value`, value.value, 150);
    if (value.description !== undefined) this.text(`${path}.description`, value.description, 75);
  }

  /** Options of a select-like element; `initial` must be one of them (Slack refuses otherwise). */
  options(path: string, element: Json, max: number): Json[] {
    const all: Json[] = [];
    const opts = asArray(element.options);
    const groups = asArray(element.option_groups);
    if (opts.length > max) this.fail(`${path}.options`, `${opts.length} options, limit ${max}`);
    opts.forEach((o, i) => {
      this.option(`${path}.options[${i}]`, o);
      if (isObject(o)) all.push(o);
    });
    if (groups.length > 100) this.fail(`${path}.option_groups`, `${groups.length} groups, limit 100`);
    groups.forEach((g, gi) => {
      if (!isObject(g)) return;
      this.text(`${path}.option_groups[${gi}].label`, g.label, 75, true);
      const inner = asArray(g.options);
      if (inner.length > 100) this.fail(`${path}.option_groups[${gi}].options`, `${inner.length} options, limit 100`);
      inner.forEach((o, i) => {
        this.option(`${path}.option_groups[${gi}].options[${i}]`, o);
        if (isObject(o)) all.push(o);
      });
    });
    const values = all.map((o) => o.value);
    const dupes = values.filter((v, i) => values.indexOf(v) !== i);
    if (dupes.length > 0) this.fail(`${path}.options`, `duplicate option values ${JSON.stringify(dupes)}`);
    return all;
  }

  initialOption(path: string, initial: unknown, options: Json[]): void {
    if (initial === undefined) return;
    const initials = Array.isArray(initial) ? initial : [initial];
    for (const [i, one] of initials.entries()) {
      const match = isObject(one) && options.some((o) => JSON.stringify(o) === JSON.stringify(one));
      if (!match) this.fail(`${path}.initial_option${Array.isArray(initial) ? `[${i}]` : ''}`, 'not one of the options (exact match required)');
    }
  }

  element(path: string, el: unknown): void {
    if (!isObject(el)) {
      this.fail(path, 'element must be an object');
      return;
    }
    this.actionId(`${path}.action_id`, el.action_id);
    this.confirm(`${path}.confirm`, el.confirm);
    if (el.placeholder !== undefined) this.text(`${path}.placeholder`, el.placeholder, 150, true);
    switch (el.type) {
      case 'button':
        this.text(`${path}.text`, el.text, 75, true);
        this.maxLen(`${path}.value`, el.value, 2000);
        this.maxLen(`${path}.url`, el.url, 3000);
        if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') this.fail(`${path}.style`, 'primary or danger only');
        break;
      case 'static_select':
      case 'multi_static_select': {
        const options = this.options(path, el, 100);
        if (options.length === 0) this.fail(path, 'a static select needs at least one option');
        this.initialOption(path, el.type === 'static_select' ? el.initial_option : el.initial_options, options);
        break;
      }
      case 'external_select':
      case 'multi_external_select': {
        const initial = el.type === 'external_select' ? el.initial_option : el.initial_options;
        for (const [i, o] of (Array.isArray(initial) ? initial : initial === undefined ? [] : [initial]).entries()) {
          this.option(`${path}.initial_option[${i}]`, o);
        }
        if (el.min_query_length !== undefined && (typeof el.min_query_length !== 'number' || el.min_query_length < 0)) {
          this.fail(`${path}.min_query_length`, 'must be a non-negative number');
        }
        break;
      }
      case 'radio_buttons': {
        const options = this.options(path, el, 10);
        if (options.length === 0) this.fail(path, 'radio buttons need at least one option');
        this.initialOption(path, el.initial_option, options);
        break;
      }
      case 'checkboxes': {
        const options = this.options(path, el, 10);
        if (options.length === 0) this.fail(path, 'checkboxes need at least one option');
        this.initialOption(path, el.initial_options, options);
        break;
      }
      case 'overflow': {
        const options = this.options(path, el, 5);
        if (options.length < 1) this.fail(path, 'overflow needs 1 to 5 options');
        break;
      }
      case 'datepicker':
        if (el.initial_date !== undefined && !(typeof el.initial_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(el.initial_date))) {
          this.fail(`${path}.initial_date`, 'must be YYYY-MM-DD');
        }
        break;
      case 'timepicker':
        if (el.initial_time !== undefined && !(typeof el.initial_time === 'string' && /^\d{2}:\d{2}$/.test(el.initial_time))) {
          this.fail(`${path}.initial_time`, 'must be HH:mm');
        }
        break;
      case 'plain_text_input':
        this.maxLen(`${path}.initial_value`, el.initial_value, 3000);
        for (const k of ['min_length', 'max_length'] as const) {
          const n = el[k];
          if (n !== undefined && (typeof n !== 'number' || n < 0 || n > 3000)) this.fail(`${path}.${k}`, 'must be 0..3000');
        }
        break;
      case 'number_input':
        if (typeof el.is_decimal_allowed !== 'boolean') this.fail(`${path}.is_decimal_allowed`, 'required');
        break;
      case 'image':
        this.maxLen(`${path}.image_url`, el.image_url, 3000);
        this.maxLen(`${path}.alt_text`, el.alt_text, 2000);
        break;
      case 'users_select':
      case 'conversations_select':
      case 'channels_select':
      case 'multi_users_select':
      case 'multi_conversations_select':
      case 'multi_channels_select':
        break;
      default:
        this.fail(path, `unknown element type ${String(el.type)}`);
    }
  }

  block(path: string, block: unknown, surface: Surface): void {
    if (!isObject(block)) {
      this.fail(path, 'block must be an object');
      return;
    }
    this.blockId(`${path}.block_id`, block.block_id);
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) this.fail(path, 'section needs text or fields');
        if (block.text !== undefined) this.text(`${path}.text`, block.text, 3000);
        const fields = asArray(block.fields);
        if (fields.length > 10) this.fail(`${path}.fields`, `${fields.length} fields, limit 10`);
        fields.forEach((f, i) => this.text(`${path}.fields[${i}]`, f, 2000));
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory);
        break;
      }
      case 'header':
        this.text(`${path}.text`, block.text, 150, true);
        break;
      case 'divider':
        break;
      case 'context': {
        const els = asArray(block.elements);
        if (els.length === 0 || els.length > 10) this.fail(`${path}.elements`, `${els.length} elements, 1 to 10 allowed`);
        els.forEach((e, i) => {
          if (isObject(e) && e.type === 'image') this.element(`${path}.elements[${i}]`, e);
          else this.text(`${path}.elements[${i}]`, e, 3000);
        });
        break;
      }
      case 'actions': {
        const els = asArray(block.elements);
        if (els.length === 0 || els.length > 25) this.fail(`${path}.elements`, `${els.length} elements, 1 to 25 allowed`);
        els.forEach((e, i) => this.element(`${path}.elements[${i}]`, e));
        break;
      }
      case 'input': {
        if (surface === 'message') this.fail(path, 'input blocks belong in modals');
        this.text(`${path}.label`, block.label, 2000, true);
        if (block.hint !== undefined) this.text(`${path}.hint`, block.hint, 2000, true);
        this.element(`${path}.element`, block.element);
        if (typeof block.block_id !== 'string') this.fail(`${path}.block_id`, 'input blocks need a block_id to carry field errors');
        break;
      }
      default:
        this.fail(path, `unsupported block type ${String(block.type)}`);
    }
  }
}

/** Problems with the blocks of one surface (an empty array means Slack accepts them). */
export function checkBlocks(blocks: unknown, surface: Surface): string[] {
  const c = new Checker();
  const list = asArray(blocks);
  if (!Array.isArray(blocks)) c.fail('blocks', 'must be an array');
  const max = surface === 'message' ? 50 : 100;
  if (list.length > max) c.fail('blocks', `${list.length} blocks, limit ${max}`);
  list.forEach((b, i) => c.block(`blocks[${i}]`, b, surface));
  return c.problems;
}

/** Problems with a chat.postMessage / chat.update / response_url message payload. */
export function checkMessage(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.length === 0) {
    problems.push('text: a fallback text is needed for notifications and screen readers');
  } else if (message.text.length > 40000) {
    problems.push(`text: ${message.text.length} characters, limit 40000`);
  }
  if (message.blocks !== undefined) problems.push(...checkBlocks(message.blocks, 'message'));
  return problems;
}

/** Problems with a modal view as given to views.open / push / update or response_action. */
export function checkModal(view: unknown): string[] {
  if (!isObject(view)) return ['view: must be an object'];
  const c = new Checker();
  if (view.type !== 'modal') c.fail('type', 'must be modal');
  c.text('title', view.title, 24, true);
  if (view.submit !== undefined) c.text('submit', view.submit, 24, true);
  if (view.close !== undefined) c.text('close', view.close, 24, true);
  c.maxLen('private_metadata', view.private_metadata, 3000);
  c.maxLen('callback_id', view.callback_id, 255);
  c.maxLen('external_id', view.external_id, 255);
  const blocks = asArray(view.blocks);
  const hasInput = blocks.some((b) => isObject(b) && b.type === 'input');
  if (hasInput && view.submit === undefined) c.fail('submit', 'required when the view has input blocks');
  const problems = [...c.problems, ...checkBlocks(view.blocks, 'modal')];
  return problems;
}

/** Problems with a block_suggestion answer (options for an external select). */
export function checkOptionsResponse(body: unknown): string[] {
  if (!isObject(body)) return ['options response must be an object'];
  const c = new Checker();
  c.options('response', body, 100);
  if (body.options === undefined && body.option_groups === undefined) c.fail('response', 'needs options or option_groups');
  return c.problems;
}

/** Problems with a view_submission `errors` answer: keys must be input block ids of the view. */
export function checkFieldErrors(view: unknown, errors: Record<string, string>): string[] {
  const inputIds = new Set(
    asArray(isObject(view) ? view.blocks : undefined)
      .filter((b): b is Json => isObject(b) && b.type === 'input')
      .map((b) => b.block_id),
  );
  const problems: string[] = [];
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputIds.has(blockId)) problems.push(`errors.${blockId}: not an input block of the view`);
    if (message.length === 0) problems.push(`errors.${blockId}: empty message`);
  }
  return problems;
}
