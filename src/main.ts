import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { redactText } from './log';
import { startBot, type RunningBot } from './server';
import { StoreOpenError } from './store';

// `npm start`: the bot with everything it needs, configured from the environment (and from a
// .env file in the working directory, whose values never override the environment's).

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const envFile = path.resolve('.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

  const bot = await startBot(loadConfig(process.env));
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C: the person does not want to wait.
      process.exit(130);
    }
    stopping = true;
    bot.logger.info(`received ${signal}`);
    const force = setTimeout(() => {
      bot.logger.error(`shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    void shutdown(bot).then((code) => {
      clearTimeout(force);
      process.exit(code);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function shutdown(bot: RunningBot): Promise<number> {
  try {
    await bot.close();
    return 0;
  } catch (error) {
    bot.logger.error('shutdown failed', { error });
    return 1;
  }
}

main().catch((error: unknown) => {
  // Start-up failures are for a person at a terminal: one readable paragraph, no stack for
  // configuration mistakes, and never a secret.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee .env.example and docs/configuration.md.\n`);
  } else if (error instanceof StoreOpenError) {
    process.stderr.write(`vm-backup-bot failed to start: ${redactText(error.message)}\n`);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`vm-backup-bot failed to start: ${redactText(text)}\n`);
  }
  // Exit once stderr is flushed, even if a half-started component left a handle open.
  process.stderr.write('', () => process.exit(1));
});
