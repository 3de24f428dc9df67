/** Where Slack sends everything (commands, interactivity, options load) in HTTP mode. Apart from index.ts so the server can name it without loading Bolt. */
export const SLACK_EVENTS_PATH = '/slack/events';
