import { eventually } from '../../support/eventually';
import type { ConnectorCall } from '../../support/fake-connector';
import { executeActivity, messageIn, PERSONAL, type TeamsPlace } from './teams-activities';
import type { TeamsHarness } from './teams-harness';

type Json = Record<string, unknown>;

export interface CardAt {
  /** The activity that holds the card in the conversation (what Teams puts in replyToId). */
  activityId: string;
  card: Json;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Plays the Teams client against the bot, in one place (a chat, or a channel thread): posts activities, reads cards, presses buttons. */
export class TeamsDriver {
  constructor(
    private readonly h: TeamsHarness,
    readonly place: TeamsPlace = PERSONAL,
  ) {}

  /** The same client, typing and pressing in another place. */
  in(place: TeamsPlace): TeamsDriver {
    return new TeamsDriver(this.h, place);
  }

  /**
   * Posts an activity and returns the answer once its turn has ended: a message is answered
   * before its turn runs, and what the bot posts comes through the connector after.
   */
  async post(activity: Json, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const res = await fetch(`${this.h.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (an error sentence): keep the text.
    }
    await this.h.teams.idle();
    return { status: res.status, body };
  }

  /** Types a message; returns the card the bot answered with (a new message). */
  async say(text: string, activity: Json = messageIn(this.place, this.h.connector.serviceUrl, text)): Promise<CardAt> {
    const before = this.h.connector.calls.length;
    const answer = await this.post(activity);
    if (answer.status !== 200) throw new Error(`POST /api/messages answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return this.newCard(before);
  }

  /** The card the bot posted after the first `before` connector calls. */
  newCard(before: number): CardAt {
    const sent = this.h.connector.calls.slice(before).filter((c: ConnectorCall) => c.kind !== 'update');
    const call = sent.at(-1);
    if (!call?.newId) throw new Error('The bot posted nothing');
    const card = this.h.connector.cardsOf(call)[0];
    if (!card) throw new Error(`The bot posted no card: ${JSON.stringify(call.activity)}`);
    return { activityId: call.newId, card };
  }

  /**
   * Presses an Action.Execute on a card with the given inputs, as Teams does; returns the raw
   * invoke response (the HTTP status and body Teams would get).
   */
  async press(at: CardAt, title: string, inputs: Record<string, string> = {}): Promise<{ answer: HttpAnswer; before: number }> {
    const action = findAction(at.card, title);
    const before = this.h.connector.calls.length;
    const answer = await this.post(
      executeActivity(this.h.connector.serviceUrl, at.activityId, { verb: String(action.verb), data: action.data as Json }, inputs, this.place),
    );
    return { answer, before };
  }

  /** Presses a button that replaces its card; returns the new card in the same place. */
  async pressAndReplace(at: CardAt, title: string, inputs: Record<string, string> = {}): Promise<CardAt> {
    const { answer } = await this.press(at, title, inputs);
    const body = answer.body as Json;
    if (answer.status !== 200 || body?.type !== 'application/vnd.microsoft.card.adaptive') {
      throw new Error(`"${title}" did not answer with a card: ${answer.status} ${JSON.stringify(body).slice(0, 500)}`);
    }
    return { activityId: at.activityId, card: body.value as Json };
  }

  /**
   * Presses a button that replaces its card, and returns the card it leads to in the end: a flow
   * that outlived the invoke's budget (a busy machine, a short budget) answers with the "working"
   * card and replaces it through the connector when it ends, which is what a person in Teams sees.
   */
  async pressAndReplaceInTheEnd(at: CardAt, title: string, inputs: Record<string, string> = {}): Promise<CardAt> {
    const before = this.h.connector.calls.length;
    const answered = await this.pressAndReplace(at, title, inputs);
    if (!/^Working on it/m.test(cardText(answered.card))) return answered;
    const update = await eventually(() => this.h.connector.calls.slice(before).find((c) => c.kind === 'update' && c.activityId === at.activityId), {
      what: `the card "${title}" leads to, after its working card`,
    });
    const replaced = this.h.connector.cardsOf(update)[0];
    if (!replaced) throw new Error(`"${title}" replaced its card with no card: ${JSON.stringify(update.activity).slice(0, 500)}`);
    return { activityId: at.activityId, card: replaced };
  }

  /** Presses a button of a message card that opens its next step as a new message. */
  async pressAndFollow(at: CardAt, title: string, inputs: Record<string, string> = {}): Promise<CardAt> {
    const { answer, before } = await this.press(at, title, inputs);
    if (answer.status !== 200) throw new Error(`"${title}" answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    // The invoke is answered first; the new message follows through the connector.
    return eventually(() => this.newCard(before), { what: `the message "${title}" opens` });
  }
}

/** Every element of a card, depth first (containers, columns, action sets). */
export function elements(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (typeof node !== 'object' || node === null) return [];
  const el = node as Json;
  const children = [el.body, el.items, el.columns, el.actions].filter(Array.isArray);
  return [el, ...children.flatMap(elements)];
}

export function findAction(card: Json, title: string): Json {
  const action = elements(card).find((e) => typeof e.type === 'string' && e.type.startsWith('Action.') && e.title === title);
  if (!action) {
    const titles = elements(card).filter((e) => String(e.type).startsWith('Action.')).map((e) => e.title);
    throw new Error(`No button "${title}" on the card; it has ${JSON.stringify(titles)}`);
  }
  return action;
}

export function findInput(card: Json, id: string): Json {
  const input = elements(card).find((e) => String(e.type).startsWith('Input.') && e.id === id);
  if (!input) throw new Error(`No input "${id}" on the card`);
  return input;
}

/** All the text a card shows, one string (for "the card says ..." assertions). */
export function cardText(card: Json): string {
  return elements(card)
    .flatMap((e) => [
      typeof e.text === 'string' ? e.text : '',
      ...(Array.isArray(e.facts) ? (e.facts as Json[]).map((f) => `${f.title}: ${f.value}`) : []),
    ])
    .filter(Boolean)
    .join('\n');
}

/** The text right after an input: its hint and its field error. */
export function textAfterInput(card: Json, id: string): string[] {
  const all = elements(card);
  const at = all.findIndex((e) => String(e.type).startsWith('Input.') && e.id === id);
  const out: string[] = [];
  for (const e of all.slice(at + 1)) {
    if (e.type !== 'TextBlock') break;
    out.push(String(e.text));
  }
  return out;
}
