import { Validator } from '@cfworker/json-schema';
import type * as AdaptiveCards from 'adaptivecards';

// The package's main entry is ES modules, which jest's CommonJS run cannot load; its UMD bundle
// is the same library, typed by the main entry's declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
import schema from './schema/adaptive-card-1.5.json';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Teams' additions to schema 1.5 that the bot uses on purpose: `msteams` on the card (full width),
 * and dynamic typeahead on Input.ChoiceSet (`choices.data` with Data.Query, `style: filtered`),
 * which the official schema only has from 1.6 but Teams takes on 1.5 cards. They are removed
 * before the card is checked against the 1.5 schema; everything else must be plain 1.5.
 */
export function withoutTeamsExtensions(node: unknown, root = true): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutTeamsExtensions(n, false));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (root && key === 'msteams') continue;
    if (node.type === 'Input.ChoiceSet' && key === 'choices.data') continue;
    out[key] = node.type === 'Input.ChoiceSet' && key === 'style' && value === 'filtered' ? 'compact' : withoutTeamsExtensions(value, false);
  }
  return out;
}

const validator = new Validator(schema as unknown as Json, '7', false);

/** What the Adaptive Cards 1.5 JSON schema says is wrong with a card (Teams extensions aside). */
export function schemaProblems(card: unknown): string[] {
  const result = validator.validate(withoutTeamsExtensions(card));
  return result.valid ? [] : result.errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'allOf').map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** What the adaptivecards package (the renderer Web Chat uses) reports when it parses and validates a card. */
export function parserProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
