/** One invalid setting: which variable, and a sentence saying what it accepts. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * Thrown by `loadConfig` (and by start-up checks of settings, such as an unreadable AZURE_CA_FILE)
 * with every problem found, so that one run shows everything to fix. The message never contains
 * the value of a secret setting.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: ConfigProblem[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0].message}`
        : `Invalid configuration (${problems.length} problems):\n${problems.map((p) => `  - ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}
