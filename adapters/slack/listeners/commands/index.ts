import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context';
import { BACKUP_COMMAND, backupCommand } from './backup.command';

export function register(app: App, ctx: SlackContext): void {
  app.command(BACKUP_COMMAND, backupCommand(ctx));
}
