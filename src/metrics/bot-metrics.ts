import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AzureAttempt } from '../backup/azure/call-observer.policy';
import type { NotificationOutcome } from '../notifications/dispatcher';
import type { SchedulerHealth } from '../notifications/scheduler-health.types';

/** Where chat traffic comes in; the label of the ack metrics. */
export type ChatPlatform = 'slack' | 'teams';

/** What the scheduler tells at scrape time (read from the database: cluster-wide, like `backup health`). */
export interface SchedulerSource {
  health(): Promise<SchedulerHealth>;
  /** Whether this replica holds the lease now. */
  isLeader(): boolean;
}

/**
 * The bot's Prometheus metrics, one registry per running bot (tests start several in one process).
 * Counters and histograms are recorded as things happen, by this replica (acks, flows, Azure calls,
 * notifications sent); the scheduler and outbox gauges are read from the store when scraped
 * (`refresh`), so every replica reports the same cluster state.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly acks: Counter<'platform' | 'outcome'>;
  private readonly ackSeconds: Histogram<'platform'>;
  private readonly flowSeconds: Histogram<'intent'>;
  private readonly azureRequests: Counter<'operation' | 'status'>;
  private readonly azureRetries: Counter<'operation'>;
  private readonly azureThrottled: Counter<'operation'>;
  private readonly outboxPending: Gauge;
  private readonly outboxInDoubt: Gauge;
  private readonly outboxOldestAge: Gauge;
  private readonly notifications: Counter<'platform' | 'outcome'>;
  private readonly sweepDuration: Gauge<'task'>;
  private readonly sweepLastSuccess: Gauge<'task'>;
  private readonly leaseHolder: Gauge<'holder'>;
  private readonly isLeader: Gauge;
  private readonly storeUp: Gauge;
  private scheduler: SchedulerSource | undefined;
  /** Last success seen per task: kept when a later run fails (the store keeps only the last run). */
  private readonly lastSuccess = new Map<string, number>();

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'vmbb_' });
    this.acks = new Counter({ name: 'vmbb_chat_acks_total', help: 'Answers to Slack events and Teams activities, by platform and outcome (ok 2xx, rejected 4xx, error 5xx).', labelNames: ['platform', 'outcome'], registers });
    this.ackSeconds = new Histogram({ name: 'vmbb_chat_ack_seconds', help: 'Time to answer a Slack event or Teams activity (Slack retries after 3 s).', labelNames: ['platform'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5], registers });
    this.flowSeconds = new Histogram({ name: 'vmbb_flow_seconds', help: 'Time to handle a command or button, by intent (Azure calls included).', labelNames: ['intent'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers });
    this.azureRequests = new Counter({ name: 'vmbb_azure_requests_total', help: 'HTTP attempts to Azure Resource Manager, by operation and status (retries included; status "error": no answer).', labelNames: ['operation', 'status'], registers });
    this.azureRetries = new Counter({ name: 'vmbb_azure_retries_total', help: 'Attempts that were retries of an earlier one (throttling, 5xx, network).', labelNames: ['operation'], registers });
    this.azureThrottled = new Counter({ name: 'vmbb_azure_throttled_total', help: 'Attempts Azure answered 429 (throttled).', labelNames: ['operation'], registers });
    this.outboxPending = new Gauge({ name: 'vmbb_outbox_pending', help: 'Notifications waiting to be sent (all replicas).', registers });
    this.outboxInDoubt = new Gauge({ name: 'vmbb_outbox_in_doubt', help: 'Waiting notifications whose earlier attempt may have arrived.', registers });
    this.outboxOldestAge = new Gauge({ name: 'vmbb_outbox_oldest_pending_age_seconds', help: 'Age of the oldest waiting notification (0 when none).', registers });
    this.notifications = new Counter({ name: 'vmbb_notifications_total', help: 'Notifications this replica sent (sent), found already posted (recovered) or gave up (failed), by platform.', labelNames: ['platform', 'outcome'], registers });
    this.sweepDuration = new Gauge({ name: 'vmbb_sweep_last_duration_seconds', help: 'Duration of the last run of each scheduled task.', labelNames: ['task'], registers });
    this.sweepLastSuccess = new Gauge({ name: 'vmbb_sweep_last_success_timestamp_seconds', help: 'When each scheduled task last finished without error (Unix time).', labelNames: ['task'], registers });
    this.leaseHolder = new Gauge({ name: 'vmbb_scheduler_lease_holder', help: 'The replica holding the scheduler lease (value 1, holder label); absent when nobody holds it.', labelNames: ['holder'], registers });
    this.isLeader = new Gauge({ name: 'vmbb_scheduler_is_leader', help: 'Whether this replica runs the sweeps (holds the lease).', registers });
    // At zero from the start, so rate() and alerts see the series before the first notification.
    for (const platform of ['slack', 'teams'] as const) for (const outcome of ['sent', 'failed'] as const) this.notifications.inc({ platform, outcome }, 0);
    this.storeUp = new Gauge({ name: 'vmbb_store_up', help: 'Whether the store answered the last scrape.', registers });
  }

  /** An answer to a chat request went out. */
  ack(platform: ChatPlatform, status: number, seconds: number): void {
    const outcome = status < 400 ? 'ok' : status < 500 ? 'rejected' : 'error';
    this.acks.inc({ platform, outcome });
    this.ackSeconds.observe({ platform }, seconds);
  }

  /** A command or button was handled. */
  flow(intent: string, seconds: number): void {
    this.flowSeconds.observe({ intent }, seconds);
  }

  /** One attempt to Resource Manager (src/backup/azure call observer). */
  azureAttempt(attempt: AzureAttempt): void {
    this.azureRequests.inc({ operation: attempt.operation, status: attempt.status });
    if (attempt.retry) this.azureRetries.inc({ operation: attempt.operation });
    if (attempt.status === '429') this.azureThrottled.inc({ operation: attempt.operation });
  }

  /** A notification ended on this replica (the outbox dispatcher). */
  notification(platform: ChatPlatform, outcome: NotificationOutcome): void {
    this.notifications.inc({ platform, outcome });
  }

  watchScheduler(source: SchedulerSource): void {
    this.scheduler = source;
  }

  /** Reads the store-backed gauges; call before rendering a scrape. A store that fails is reported, not thrown. */
  async refresh(): Promise<void> {
    const source = this.scheduler;
    if (!source) return;
    this.isLeader.set(source.isLeader() ? 1 : 0);
    let health: SchedulerHealth;
    try {
      health = await source.health();
    } catch {
      this.storeUp.set(0);
      return;
    }
    this.storeUp.set(1);
    const now = health.now.getTime();
    const { outbox } = health;
    this.outboxPending.set(outbox.pending);
    this.outboxInDoubt.set(outbox.inDoubt);
    this.outboxOldestAge.set(outbox.oldestPendingAt ? Math.max(0, (now - outbox.oldestPendingAt.getTime()) / 1000) : 0);
    this.leaseHolder.reset();
    if (health.leader) this.leaseHolder.set({ holder: health.leader.holder }, 1);
    for (const task of health.tasks) {
      const run = task.lastRun;
      if (run?.durationMs !== undefined) this.sweepDuration.set({ task: task.name }, run.durationMs / 1000);
      if (run?.status === 'ok' && run.finishedAt) this.lastSuccess.set(task.name, run.finishedAt.getTime() / 1000);
      const success = this.lastSuccess.get(task.name);
      if (success !== undefined) this.sweepLastSuccess.set({ task: task.name }, success);
    }
  }

  /** The Prometheus text exposition of everything above. */
  async render(): Promise<{ contentType: string; body: string }> {
    await this.refresh();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
