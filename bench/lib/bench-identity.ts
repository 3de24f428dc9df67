/** The Slack app's secrets and the workspace, person and channel every benchmark request comes from. */
export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-bench-0000000000-token';
export const BENCH_TEAM_ID = 'T0BENCH';
export const BENCH_USER_ID = 'U0BENCH';
export const BENCH_CHANNEL_ID = 'C0BENCH';
