/**
 * How far Azure's clock and the bot's may disagree. Job start and end times are Azure's; "now",
 * channel bindings and subscriptions are the bot's. Both are normally within a second of each other
 * (NTP), but a bot host whose clock drifted must still lose no notification: a job Azure started
 * "in the future" of the bot's clock must be in the bot's query, and a job that ended just after a
 * channel was bound must not read as having ended before it. Comparisons across the two clocks
 * allow this much either way; the price is that a job which ended up to this long before a
 * binding or a subscription may still be told.
 */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
