/**
 * Typed Adaptive Card JSON, the subset of schema 1.5 this bot renders (plus Teams' `msteams`
 * extension). A card builder that puts a wrong property or element in a card fails to compile;
 * what types cannot say (lengths, unique input ids) the card tests check with the adaptivecards
 * parser.
 *
 * Reference: adaptivecards.io/explorer (schema 1.5) and Teams' Universal Actions documentation.
 */

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';
/** The attachment content type of an Adaptive Card, and the invoke response type that replaces a card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  /** Schema 1.5: semantic heading for screen readers. */
  style?: 'default' | 'heading';
  maxLines?: number;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | string;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  style?: ContainerStyle;
  spacing?: Spacing;
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  id: string;
  /** Schema 1.3+: the label shown with the input (and read by screen readers). */
  label?: string;
  isRequired?: boolean;
  /** Shown by the client when the input fails its own validation (required, regex, min/max). */
  errorMessage?: string;
}

export interface InputText extends InputBase {
  type: 'Input.Text';
  placeholder?: string;
  value?: string;
  maxLength?: number;
  isMultiline?: boolean;
  regex?: string;
  style?: 'text' | 'tel' | 'url' | 'email' | 'password';
}

export interface InputNumber extends InputBase {
  type: 'Input.Number';
  placeholder?: string;
  value?: number;
  min?: number;
  max?: number;
}

export interface InputDate extends InputBase {
  type: 'Input.Date';
  /** "YYYY-MM-DD" */
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
}

export interface InputTime extends InputBase {
  type: 'Input.Time';
  /** "HH:mm" */
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
}

export interface InputToggle extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value?: 'true' | 'false';
  valueOn?: string;
  valueOff?: string;
  wrap?: boolean;
}

export interface Choice {
  title: string;
  value: string;
}

/**
 * Dynamic choices (Teams typeahead): the client sends an `application/search` invoke with the
 * dataset and what the person typed; the bot answers with up to 15 results.
 */
export interface DataQuery {
  type: 'Data.Query';
  dataset: string;
  /** How many results to ask for at a time. */
  count?: number;
}

export interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  /** Teams: the dynamic typeahead source. Clients that do not know it keep the static choices. */
  'choices.data'?: DataQuery;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded' | 'filtered';
  /** The selected value(s); several values are comma-separated. */
  value?: string;
  placeholder?: string;
  wrap?: boolean;
}

export type CardInput = InputText | InputNumber | InputDate | InputTime | InputToggle | InputChoiceSet;

export type CardElement = TextBlock | FactSet | ColumnSet | Container | ActionSet | CardInput;

/**
 * Universal Action: the client sends an invoke `adaptiveCard/action` with `verb` and `data`
 * (input values merged into `data`), and replaces the card with the card the bot answers.
 */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  /** 'none' skips input validation and sends no inputs (Cancel, Back); default 'auto'. */
  associatedInputs?: 'auto' | 'none';
  style?: 'default' | 'positive' | 'destructive';
  id?: string;
  tooltip?: string;
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  id?: string;
}

export type CardAction = ExecuteAction | OpenUrlAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Text a client shows where it cannot render the card. */
  fallbackText?: string;
  /** Teams: use the full width of the conversation. */
  msteams?: { width: 'Full' };
}

/** The attachment a message activity carries. */
export interface AdaptiveCardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}
