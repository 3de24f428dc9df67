export { openStore, StoreOpenError, postgresLocation } from './open-store';
export type { Store, OpenStoreOptions } from './open-store';
export { migrateToLatest, MigrationError } from './migrate';
export type * from './database';
export type * from './store.types';
export { CHAT_PLATFORMS } from './store.types';
export * from './repositories/tracked-jobs.repository';
export * from './repositories/conversation-refs.repository';
export * from './repositories/processed-events.repository';
