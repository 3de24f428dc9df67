import { isIP } from 'node:net';
import { z } from 'zod';
import { validateDetailed } from 'node-cron';
import { parseExcludeTag, type ExcludeTag } from '../domain/exclude-tag.rule';

/**
 * zod schemas for single environment variables. Each takes the raw string (blank values arrive as
 * undefined) and yields the typed value or its default. A failed check without its own message
 * gets the generic "NAME must be <accepts>, got <value>" from the loader.
 */
export type SettingSchema<T> = z.ZodType<T, z.ZodTypeDef, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export const isGuid = (value: string): boolean => GUID.test(value);

/** 127.0.0.0/8, ::1 and localhost: the only hosts trusted with plain HTTP or a static token. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function integer(min: number, max: number): z.ZodType<number, z.ZodTypeDef, string> {
  return z
    .string()
    .regex(/^\s*\d+\s*$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

export function decimal(minExclusive: number, max: number): z.ZodType<number, z.ZodTypeDef, string> {
  return z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*$/)
    .transform(Number)
    .pipe(z.number().gt(minExclusive).lte(max));
}

export function oneOf<T extends string>(values: readonly [T, ...T[]]): z.ZodType<T, z.ZodTypeDef, string> {
  // Case-insensitive, answering with the canonical spelling.
  return z.string().transform((raw, ctx) => {
    const match = values.find((v) => v.toLowerCase() === raw.trim().toLowerCase());
    if (match === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom });
      return z.NEVER;
    }
    return match;
  });
}

export function boolean(): z.ZodType<boolean, z.ZodTypeDef, string> {
  return z.string().transform((raw, ctx) => {
    const v = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    ctx.addIssue({ code: z.ZodIssueCode.custom });
    return z.NEVER;
  });
}

export function host(): z.ZodType<string, z.ZodTypeDef, string> {
  return z
    .string()
    .transform((raw) => raw.trim())
    .refine((v) => isIP(v) !== 0 || HOSTNAME.test(v));
}

/**
 * An absolute URL with one of `protocols`; `http:` is only accepted for loopback hosts when
 * `loopbackHttp` is set (fake servers in tests, emulators), never for remote ones.
 */
export function url(options: { loopbackHttp?: boolean; protocols?: string[]; trailingSlash?: 'strip' | 'add' } = {}): z.ZodType<string, z.ZodTypeDef, string> {
  const protocols = options.protocols ?? ['https:'];
  return z.string().transform((raw, ctx) => {
    let parsed: URL;
    try {
      parsed = new URL(raw.trim());
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom });
      return z.NEVER;
    }
    const allowed =
      protocols.includes(parsed.protocol) || (options.loopbackHttp === true && parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
    if (!allowed || parsed.hostname === '') {
      ctx.addIssue({ code: z.ZodIssueCode.custom });
      return z.NEVER;
    }
    const text = parsed.toString();
    if (options.trailingSlash === 'strip') return text.replace(/\/+$/, '');
    if (options.trailingSlash === 'add') return text.endsWith('/') ? text : `${text}/`;
    return text;
  });
}

export function guid(): z.ZodType<string, z.ZodTypeDef, string> {
  return z
    .string()
    .transform((raw) => raw.trim().toLowerCase())
    .refine(isGuid);
}

export function guidOrDomain(): z.ZodType<string, z.ZodTypeDef, string> {
  return z
    .string()
    .transform((raw) => raw.trim())
    .refine((v) => isGuid(v) || DOMAIN.test(v));
}

/** Comma-separated GUIDs, de-duplicated; a bad entry is named in the message. */
export function guidList(variable: string): z.ZodType<string[], z.ZodTypeDef, string> {
  return z.string().transform((raw, ctx) => {
    const entries = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const bad = entries.filter((s) => !isGuid(s));
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          bad.length > 0
            ? `${variable} must be comma-separated subscription GUIDs (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); not a GUID: ${bad.map((b) => JSON.stringify(b)).join(', ')}`
            : `${variable} must list at least one subscription GUID, got ${JSON.stringify(raw)}`,
      });
      return z.NEVER;
    }
    return [...new Set(entries.map((s) => s.toLowerCase()))];
  });
}

/** A string that starts with one of `prefixes` (token kinds); never echoed in messages. */
export function prefixed(prefixes: string[]): z.ZodType<string, z.ZodTypeDef, string> {
  return z
    .string()
    .transform((raw) => raw.trim())
    .refine((v) => prefixes.some((p) => v.startsWith(p) && v.length > p.length));
}

export function nonEmpty(): z.ZodType<string, z.ZodTypeDef, string> {
  return z.string().min(1);
}

/** A node-cron expression (5 fields, or 6 with seconds first); the message says which field is wrong. */
/** COVERAGE_EXCLUDE_TAG: `name=value` or `name` (see src/domain/exclude-tag.rule.ts). */
export function excludeTag(variable: string): z.ZodType<ExcludeTag, z.ZodTypeDef, string> {
  return z.string().transform((raw, ctx) => {
    const parsed = parseExcludeTag(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${variable} must be name=value or name (a tag name), ${parsed.message}` });
      return z.NEVER;
    }
    return parsed.value;
  });
}

export function cronExpression(variable: string): z.ZodType<string, z.ZodTypeDef, string> {
  return z.string().transform((raw, ctx) => {
    const expression = raw.trim().replace(/\s+/g, ' ');
    const result = validateDetailed(expression);
    if (!result.valid) {
      const why = result.errors.map((e) => e.message).join('; ');
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${variable} must be a cron expression ("min hour day month weekday", optionally with seconds first), got ${JSON.stringify(raw)}${why ? `: ${why}` : ''}`,
      });
      return z.NEVER;
    }
    return expression;
  });
}

/** Makes a schema optional: unset yields `fallback`. */
export function withDefault<T>(schema: z.ZodType<T, z.ZodTypeDef, string>, fallback: T): SettingSchema<T> {
  return schema.optional().transform((v) => (v === undefined ? fallback : v));
}

/** Makes a schema optional: unset yields undefined. */
export function optional<T>(schema: z.ZodType<T, z.ZodTypeDef, string>): SettingSchema<T | undefined> {
  return schema.optional();
}

/** A person named in a setting: chat platform, workspace (Slack team id, Teams tenant id) and user id. */
export interface PrincipalSetting {
  platform: 'slack' | 'teams';
  workspaceId: string;
  userId: string;
}

const SLACK_WORKSPACE = /^[TE][A-Z0-9]{2,}$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/**
 * Comma-separated `platform:workspace:user` entries: `slack:T0123:U0456` (team id, user id) or
 * `teams:<tenant GUID>:<AAD object id GUID>`. A bad entry is named in the message; ids are what
 * the platforms send, so a typo would silently name nobody.
 */
export function principalList(variable: string): z.ZodType<PrincipalSetting[], z.ZodTypeDef, string> {
  return z.string().transform((raw, ctx) => {
    const entries = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const out: PrincipalSetting[] = [];
    const bad: string[] = [];
    for (const entry of entries) {
      const [platform, workspaceId, userId, ...rest] = entry.split(':');
      const p = (platform ?? '').toLowerCase();
      const valid =
        rest.length === 0 &&
        ((p === 'slack' && SLACK_WORKSPACE.test(workspaceId ?? '') && SLACK_USER.test(userId ?? '')) ||
          (p === 'teams' && isGuid(workspaceId ?? '') && isGuid(userId ?? '')));
      if (!valid) bad.push(entry);
      else out.push({ platform: p as 'slack' | 'teams', workspaceId: p === 'teams' ? workspaceId.toLowerCase() : workspaceId, userId: p === 'teams' ? userId.toLowerCase() : userId });
    }
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          bad.length > 0
            ? `${variable} must be comma-separated slack:<team id>:<user id> or teams:<tenant GUID>:<AAD object id GUID> entries; not one: ${bad.map((b) => JSON.stringify(b)).join(', ')}`
            : `${variable} must list at least one person, got ${JSON.stringify(raw)}`,
      });
      return z.NEVER;
    }
    return out;
  });
}
