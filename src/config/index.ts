export { loadConfig } from './load-config';
export type { Env, LoadConfigOptions } from './load-config';
export { ConfigError } from './config-error';
export type { ConfigProblem } from './config-error';
export { DEFAULT_HTTP_LIMITS, SETTINGS, SETTING_LIST } from './settings';
export type { Setting, SettingGroup, SettingName } from './settings';
export { isLoopbackHost } from './setting-schemas';
export type * from './config.types';
