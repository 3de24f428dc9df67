/**
 * The playground in a real browser: Debian's Chromium, driven by playwright-core, opens the page
 * the bot serves, and a person's clicks on the rendered Adaptive Cards walk the VM path to a
 * completed Backup now. Saves its screenshot under test/artifacts/ (ignored, so `npm test` leaves
 * the tree clean); `npm run screenshot` writes it to docs/playground.png, the README's picture.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`); without it the test is skipped with a
 * loud message, never silently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { SEED } from '../../emulator';
import { listConversationRefs } from '../../src/store';
import { readConversationReference } from '../../adapters/teams';
import { startTeamsHarness, type TeamsHarness } from '../integration/teams/teams-harness';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
/** PLAYGROUND_SCREENSHOT (relative to the repository) is set by `npm run screenshot` only. */
const SCREENSHOT = path.resolve(ROOT, process.env.PLAYGROUND_SCREENSHOT ?? path.join('test', 'artifacts', 'playground.png'));
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  // eslint-disable-next-line no-console -- the skip must be seen in CI logs
  console.warn(`\n*** BROWSER TEST SKIPPED: ${CHROMIUM} is missing. Install it with: apt-get update && apt-get install -y chromium ***\n`);
}
const describeWithChromium = hasChromium ? describe : describe.skip;

/** Generous upper bound for a step on a loaded 2-core CI machine; it guards hangs, it measures nothing. */
const STEP = 30_000;

describeWithChromium('the Teams playground in Chromium', () => {
  let h: TeamsHarness;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    h = await startTeamsHarness({ playground: true });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await h?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  /** The rendered Adaptive Card that shows `text`. */
  const card = (text: string | RegExp): Locator => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  const press = async (where: Locator, title: string) => where.getByRole('button', { name: title, exact: true }).first().click();

  afterEach(async () => {
    // On failure, what the page looked like helps more than a timeout message.
    await page?.screenshot({ path: path.join(os.tmpdir(), 'playground-last.png') }).catch(() => undefined);
  });

  it('walks the VM path by clicking the cards, to a completed Backup now', async () => {
    await page.goto(h.baseUrl + '/');
    await page.getByText('Azure is the bundled emulator').waitFor();

    // The welcome card (help), then a typed command.
    await card('backup enable').waitFor();
    const sendBox = page.getByRole('textbox').last();
    await sendBox.fill('backup enable');
    await sendBox.press('Enter');

    // Step 1: the VM picker; Web Chat has no typeahead, so the search step finds the VM.
    const picker = card('Step 1 of 4');
    await picker.waitFor();
    await picker.locator('input.ac-textInput').fill('web-02');
    await press(picker, 'Search');
    // Web Chat's markdown turns the quotes into typographic ones.
    await card(/1 matching .web-02./).waitFor();
    await picker.locator('select').selectOption(SEED.unprotectedVmId);
    await press(picker, 'Next');

    // Steps 2 to 4 replace the same card: vault (the region's vault is preselected), policy, confirm.
    await card('Step 2 of 4').waitFor();
    await press(card('Step 2 of 4'), 'Next');
    await card('Step 3 of 4').waitFor();
    await press(card('Step 3 of 4'), 'Next');
    await card('Step 4 of 4').waitFor();
    await press(card('Step 4 of 4'), 'Enable Backup');
    const result = card('Backup enabled for web-02');
    await result.waitFor();
    await result.getByText('Initial backup pending').waitFor();
    expect(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Step 1 of 4' }).count()).toBe(0);

    // Backup now: a new card with the date picker (30 days ahead by default), then the job card.
    await press(result, 'Backup now');
    const form = card('Back up web-02 now');
    await form.waitFor();
    expect(await form.locator('input[type="date"]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await press(form, 'Back up now');
    const job = card('Backup of web-02');
    await job.waitFor();

    // The job runs on the emulator's clock; each tracker pass updates the card in place.
    for (let pass = 0; pass < 12 && (await h.trackedJobs.listOpen()).length > 0; pass += 1) {
      await h.backup.emulator.advance(5 * 60_000);
      await h.flows.jobs.refreshTrackedJobs((update) => h.teams.messenger.publishJobUpdate(update));
    }
    await job.getByText(/Completed in/).waitFor();
    await job.getByText('Recovery point').waitFor();

    // A scheduled notification arrives in the conversation and in the page's list.
    const [ref] = await listConversationRefs(h.store.db, { platform: 'teams' });
    await h.teams.messenger.postView(readConversationReference(ref.reference), {
      kind: 'notice',
      tone: 'warning',
      title: 'Initial backup pending: 3 VMs',
      text: 'sql-01, app-01 and api-02 still wait for their first backup.',
      actions: [],
    });
    await page.locator('#notifications li').filter({ hasText: 'Initial backup pending: 3 VMs' }).waitFor();
    await job.scrollIntoViewIfNeeded();

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    expect(consoleErrors.filter((e) => /unknown action from Adaptive Cards/i.test(e))).toEqual([]);
  }, 180_000);

  it('shows cards at the chat\'s width, the date field\'s own error, and notifications in the cards\' clock', async () => {
    // A fresh page: a conversation of its own.
    await page.goto(h.baseUrl + '/');
    await card('backup enable').waitFor();
    const sendBox = page.getByRole('textbox').last();
    const say = async (text: string): Promise<void> => {
      await sendBox.fill(text);
      await sendBox.press('Enter');
    };

    // A fact label ("Follows") and a VM name stay whole words on one line.
    await say('backup subscribe');
    const subscribe = card(/Follows|Subscribe/);
    await subscribe.waitFor();
    const chatWidth = await page.locator('#webchat').evaluate((el) => el.clientWidth);
    const cardWidth = await page.locator('.ac-adaptiveCard').last().evaluate((el) => el.getBoundingClientRect().width);
    expect(cardWidth).toBeGreaterThan(chatWidth * 0.6);

    await say('backup now web-02');
    const form = card('Back up web-02 now');
    await form.waitFor();
    const lines = await page.evaluate(() => {
      const found: Record<string, number> = {};
      const cards = document.querySelectorAll('.ac-adaptiveCard');
      for (const el of Array.from(cards[cards.length - 1].querySelectorAll('.ac-textBlock, .ac-fact-title, .ac-fact-value, td'))) {
        const text = (el.textContent ?? '').trim();
        if (!/^(VM|Vault|Protection|Last backup)$/.test(text)) continue;
        const range = document.createRange();
        range.selectNodeContents(el);
        found[text] = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
      }
      return found;
    });
    expect(Object.keys(lines).length).toBeGreaterThan(0);
    for (const [label, count] of Object.entries(lines)) expect([label, count]).toEqual([label, 1]);

    // A date out of range: the field's own error says what is allowed, not the hint again.
    const date = form.locator('input[type="date"]');
    const min = await date.getAttribute('min');
    const max = await date.getAttribute('max');
    await date.fill('2000-01-01');
    await press(form, 'Back up now');
    await form.getByText(`Pick a date from ${min} to ${max}.`).waitFor();

    // Notifications list their time in the cards' clock (UTC, with its zone).
    const refs = await listConversationRefs(h.store.db, { platform: 'teams' });
    const conversationId = await page.locator('#webchat').getAttribute('data-conversation-id');
    const ref = refs.find((r) => JSON.stringify(r.reference).includes(String(conversationId)));
    if (!ref) throw new Error(`no conversation reference for ${conversationId}`);
    await h.teams.messenger.postView(readConversationReference(ref.reference), { kind: 'notice', tone: 'info', title: 'Clock check', text: 'A notification.', actions: [] });
    await page.locator('#notifications li').filter({ hasText: 'Clock check' }).waitFor();
    expect(await page.locator('#notifications li time').first().textContent()).toMatch(/^\d\d:\d\d UTC$/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'playground-width.png') });
  }, 120_000);
});
