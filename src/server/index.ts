export { startBot } from './start-bot';
export type { RunningBot, StartBotOptions } from './start-bot';
export type { BotDeps } from './chat-adapters';
export type { AzureBackend } from './azure-backend';
export type { HealthReport } from './health.route';
