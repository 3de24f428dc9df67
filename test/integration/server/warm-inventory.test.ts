import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { mountChatAdapters } from '../../../src/server/chat-adapters';
import { openStore, readInventoryVms, type Store } from '../../../src/store';
import { eventually } from '../../support/eventually';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api';
import { FakeBackupService } from '../../unit/flows/support/fake-backup-service';
import { SlackPerson } from '../slack/support/slack-person';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
type Json = Record<string, unknown>;

/**
 * A restart with the inventory kept in the store: the VM picker of `/backup enable` answers from
 * it before Azure's listing has sent a single page, with no loading note; once the listing
 * completes, VMs deleted in Azure meanwhile are gone from the picker (and from the store).
 */
describe('the VM picker after a restart, from the inventory kept in the store', () => {
  let dir: string;
  let fake: FakeSlackApi;
  let store: Store;
  const backup = new FakeBackupService(() => new Date());
  for (const name of ['web-01', 'web-02', 'db-01']) backup.addVm({ name });
  let stopBot: () => Promise<void> = async () => undefined;

  /** The chat side of the bot as startBot mounts it, on this store and this (fake) Azure. */
  const boot = async (): Promise<string> => {
    const config = loadConfig(
      { PORT: '0', DATA_DIR: dir, SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl },
      { cwd: dir },
    );
    const cleanups: (() => Promise<void> | void)[] = [];
    const app = express();
    await mountChatAdapters(app, { config, logger: createLogger({ level: 'error', write: () => undefined }), db: store.db, backup, now: () => new Date(), onClose: (c) => cleanups.push(c) });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    stopBot = async () => {
      await new Promise((resolve) => server.close(resolve));
      for (let c = cleanups.pop(); c; c = cleanups.pop()) await c();
    };
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  };

  const pickerOptions = async (url: string, query: string): Promise<string[]> => {
    const person = new SlackPerson({ url, signingSecret: SIGNING_SECRET, fake, userId: 'U0WARM', channelId: 'C0WARM' });
    const since = fake.mark();
    await person.slash('enable');
    const call = await fake.waitForCall((c) => c.method === 'views.open' && JSON.stringify(c.args.view).includes('form:enable.vm'), 'the VM picker', since);
    const options = await person.suggest((call.response.view as Json).id as string, 'vm', query);
    return options.map((o) => String((o.text as Json).text));
  };

  const kept = async (): Promise<string[]> => {
    const names: string[] = [];
    await readInventoryVms(store.db, backup.subscriptions(), (e) => names.push(e.vm.name));
    return names;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-warm-'));
    fake = await startFakeSlackApi();
    store = await openStore({ kind: 'sqlite', file: path.join(dir, 'bot.sqlite') });
  });

  afterAll(async () => {
    await stopBot();
    await store?.close();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers from the store before Azure answers, then drops what Azure deleted', async () => {
    // First run: the load from Azure is kept in the store.
    await boot();
    await eventually(async () => (await kept()).length === 3, { what: 'the first load kept in the store' });
    await stopBot();

    // Meanwhile web-02 is deleted in Azure; after the restart Azure's listing has not answered at all.
    backup.vms = backup.vms.filter((v) => v.name !== 'web-02');
    const release = backup.holdLaterPages({ firstPage: true });
    const listedBefore = backup.calls.filter((c) => c.method === 'listVirtualMachines').length;
    const url = await boot();
    await eventually(() => backup.calls.filter((c) => c.method === 'listVirtualMachines').length > listedBefore, { what: 'the listing from Azure to start' });

    const warm = await pickerOptions(url, 'web');
    expect(warm.map((t) => t.split(' ')[0])).toEqual(['web-01', 'web-02']);
    expect(warm.some((t) => t.startsWith('Loading'))).toBe(false);

    release();
    await eventually(async () => (await kept()).join() === 'web-01,db-01', { what: 'the refreshed load kept in the store' });
    const fresh = await pickerOptions(url, 'web');
    expect(fresh.map((t) => t.split(' ')[0])).toEqual(['web-01']);
  });
});
