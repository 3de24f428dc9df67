/**
 * Teams typeahead (Data.Query, an `application/search` invoke: the shape of
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search,
 * built by teams-activities.ts) while the first VM inventory load runs: it answers from the pages
 * loaded so far, the first entry saying how far the load is; once loaded, the whole list.
 */
import type { VirtualMachine } from '../../../src/domain/backup.types';
import { searchActivity } from './teams-activities';
import { cardText, findInput, TeamsDriver } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';
import { eventually } from '../../support/eventually';

describe('Teams: the VM picker while the first inventory load runs', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  let release: () => void = () => undefined;
  let firstPage: string[] = [];

  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
    const service = h.backup.service;
    const list = service.listVirtualMachines.bind(service);
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Azure's first page arrives, the later ones are held (a 100,000-VM estate takes minutes).
    service.listVirtualMachines = async (onPage?: (vms: VirtualMachine[]) => void): Promise<VirtualMachine[]> => {
      const all = await list();
      const first = all.slice(0, 3);
      firstPage = first.map((vm) => vm.name);
      onPage?.(first);
      await held;
      onPage?.(all.slice(3));
      return all;
    };
    // As the server does at start (chat-adapters.ts: inventory.start), before anyone types.
    void h.flows.inventory.refresh();
    await eventually(() => Boolean(h.flows.inventory.progress()?.loaded), { what: 'the first page of the inventory', intervalMs: 10 });
  });
  afterAll(async () => {
    release();
    await h.close();
  });

  const search = async (dataset: string, query: string): Promise<{ title: string; value: string }[]> => {
    const answer = await teams.post(searchActivity(h.connector.serviceUrl, dataset, query));
    expect(answer.status).toBe(200);
    return (answer.body as { value: { results: { title: string; value: string }[] } }).value.results;
  };

  it('says what is loaded and answers from it, then from the whole list', async () => {
    const picker = await teams.say('backup enable');
    const dataset = String((findInput(picker.card, 'vm')['choices.data'] as { dataset: string }).dataset);
    expect(cardText(picker.card)).toContain('Loading the VM list: 3 so far… Until it is complete, the list answers from the VMs loaded so far.');

    // "-0" matches VM names across the whole seed (web-01, sql-01, api-02…), not only the first page's
    const during = await search(dataset, '-0');
    expect(during[0].title).toMatch(/^Loading the VM list: 3 so far…/);
    const names = during.slice(1).map((r) => r.title.split(' (')[0]);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => firstPage.includes(n))).toBe(true);

    release();
    await h.flows.inventory.ready();
    const after = await search(dataset, '-0');
    expect(after.some((r) => r.title.startsWith('Loading'))).toBe(false);
    expect(after.length).toBeGreaterThan(names.length);
  });
});
