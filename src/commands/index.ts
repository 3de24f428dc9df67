export { parseCommand, commandToIntent, tokenize } from './command-parser';
export type { ParseResult, ParseError } from './command-parser';
export { COMMANDS, findCommand, usageOf } from './command-catalog';
export type { CommandSpec } from './command-catalog';
export { didYouMean, editDistance } from './did-you-mean';
