import { webApi } from '@slack/bolt';
import { encodeMessageRef } from '../../../adapters/slack/message-address';
import { classifySlackError, createSlackNotifier } from '../../../adapters/slack/slack.notifier';
import { classifyTeamsError } from '../../../adapters/teams/teams.notifier';

const slackError = (code: string, extra: Record<string, unknown>): Error => Object.assign(new Error(code), { code, ...extra });

describe('how notifier failures are read', () => {
  test('Slack: 429 with Retry-After, refusals, gone messages, and outcomes that may have posted', () => {
    expect(classifySlackError(slackError(webApi.ErrorCode.RateLimitedError, { retryAfter: 30 }), 'post')).toMatchObject({ failure: 'rate-limited', options: { retryAfterMs: 30_000, delivered: 'no' } });
    expect(classifySlackError(slackError(webApi.ErrorCode.PlatformError, { data: { error: 'not_in_channel' } }), 'post')).toMatchObject({ failure: 'permanent', options: { delivered: 'no', code: 'not_in_channel', botNotInChannel: true } });
    expect(classifySlackError(slackError(webApi.ErrorCode.PlatformError, { data: { error: 'message_not_found' } }), 'update')).toMatchObject({ failure: 'permanent', options: { messageGone: true } });
    expect(classifySlackError(slackError(webApi.ErrorCode.PlatformError, { data: { error: 'internal_error' } }), 'post')).toMatchObject({ failure: 'transient', options: { delivered: 'unknown' } });
    expect(classifySlackError(slackError(webApi.ErrorCode.PlatformError, { data: { error: 'invalid_auth' } }), 'post')).toMatchObject({ failure: 'transient', options: { delivered: 'no' } });
    expect(classifySlackError(slackError(webApi.ErrorCode.HTTPError, { statusCode: 503 }), 'post')).toMatchObject({ failure: 'transient', options: { delivered: 'unknown' } });
    expect(classifySlackError(slackError(webApi.ErrorCode.RequestError, {}), 'post')).toMatchObject({ failure: 'transient', options: { delivered: 'unknown' } });
  });

  test('Slack: a tracked job message\'s address names its channel', () => {
    const slack = createSlackNotifier({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(slack.conversationOfTrackedMessage?.(encodeMessageRef({ channel: 'C42', ts: '1.2' }))).toBe('C42');
    expect(slack.conversationOfTrackedMessage?.('{}')).toBeUndefined();
  });

  test('Teams: 429 with Retry-After in seconds or as a date, removed bots, gone messages, network failures', () => {
    const headers = new Map([['retry-after', '7']]);
    expect(classifyTeamsError(Object.assign(new Error('Too many'), { statusCode: 429, response: { headers } }), 'post')).toMatchObject({ failure: 'rate-limited', options: { retryAfterMs: 7_000 } });
    expect(classifyTeamsError(Object.assign(new Error('Forbidden'), { statusCode: 403 }), 'post')).toMatchObject({ failure: 'permanent', options: { code: '403', botNotInChannel: true } });
    expect(classifyTeamsError(Object.assign(new Error('Not found'), { statusCode: 404 }), 'update')).toMatchObject({ failure: 'permanent', options: { messageGone: true } });
    expect(classifyTeamsError(Object.assign(new Error('Bad gateway'), { statusCode: 502 }), 'post')).toMatchObject({ failure: 'transient', options: { delivered: 'unknown' } });
    expect(classifyTeamsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'post')).toMatchObject({ failure: 'transient', options: { delivered: 'unknown', code: 'ECONNRESET' } });
  });
});
