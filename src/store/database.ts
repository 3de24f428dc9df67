import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * The tables as kysely sees them. Columns are portable between SQLite and PostgreSQL: text ids,
 * timestamps as ISO-8601 UTC text (`Date#toISOString()`, which also sorts correctly as text),
 * JSON as text. Domain code never sees these rows: src/store/row-mappers turns them into objects.
 */
export interface Database {
  tracked_jobs: TrackedJobsTable;
  conversation_refs: ConversationRefsTable;
  processed_events: ProcessedEventsTable;
}

/** A backup job whose chat message the bot keeps up to date. */
export interface TrackedJobsTable {
  id: string;
  /** 'slack' | 'teams' */
  platform: string;
  conversation_id: string;
  /** Slack message ts or Teams activity id; null until the message is posted. */
  message_id: string | null;
  vault_id: string;
  job_name: string;
  vm_id: string;
  vm_name: string;
  /** Azure's job status (JobStatus). */
  status: string;
  requested_by: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  /** JSON of the flows' JobContext shown on the message (VM, retain-until, requested by). */
  context_json: ColumnType<string | null, string | null | undefined, string | null>;
  /** The flows' JobPhase last shown on the message. */
  last_phase: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Where the bot can post without being spoken to: Teams conversation references, Slack channels. */
export interface ConversationRefsTable {
  id: string;
  platform: string;
  conversation_id: string;
  reference_json: string;
  tenant_id: string | null;
  updated_at: string;
}

/** Keys of events already handled (Slack retries, redeliveries, double clicks). */
export interface ProcessedEventsTable {
  key: string;
  created_at: string;
}

export type TrackedJobRow = Selectable<TrackedJobsTable>;
export type ConversationRefRow = Selectable<ConversationRefsTable>;
export type NewConversationRefRow = Insertable<ConversationRefsTable>;
export type ProcessedEventRow = Selectable<ProcessedEventsTable>;
export type NewProcessedEventRow = Insertable<ProcessedEventsTable>;
