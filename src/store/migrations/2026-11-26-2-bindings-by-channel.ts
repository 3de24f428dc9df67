import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The sweeps read a channel's bindings across workspaces (a Slack channel shared by several has
  // one id), which the unique (platform, workspace_id, channel_id, scope_key) index cannot serve.
  await db.schema.createIndex('access_bindings_by_channel').on('access_bindings').columns(['platform', 'channel_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('access_bindings_by_channel').execute();
}
