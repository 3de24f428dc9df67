export { BotMetrics, type ChatPlatform, type SchedulerSource } from './bot-metrics';
