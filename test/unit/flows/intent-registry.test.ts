import * as path from 'node:path';
import * as ts from 'typescript';
import { INTENT_TYPES, failureTitle, isFormSubmission, mayOpenForm, type SameShape } from '../../../src/flows/intent-registry';
import { parseIntent } from '../../../src/flows/intent.schema';

const ROOT = path.resolve(__dirname, '../../..');
const INTENTS_FILE = path.join(ROOT, 'src/flows/intents.ts');
const REGISTRY_FILE = path.join(ROOT, 'src/flows/intent-registry.ts');
const HANDLERS_FILE = path.join(ROOT, 'src/flows/create-flows.ts');
const RULES_FILE = path.join(ROOT, 'src/access/intent-policy.ts');
const RESOURCES_FILE = path.join(ROOT, 'src/access/intent-resources.ts');

/** `text` with `find` replaced, failing loudly when the source no longer has it (then this test needs updating, not skipping). */
function edit(text: string, find: string, replace: string): string {
  if (!text.includes(find)) throw new Error(`the source no longer contains ${JSON.stringify(find)}`);
  return text.replace(find, replace);
}

/** A new intent, `share`, declared in the Intent union: what a helper adding an intent writes first. */
const withShareIntent = (text: string): string =>
  edit(text, '  | HealthIntent;', '  | HealthIntent\n  | ShareIntent;') + "\nexport interface ShareIntent {\n  type: 'share';\n  channelId: string;\n  note?: string;\n}\n";

/**
 * Type-checks the registry, the handler map, the access rules and the resource extractors with some files edited in
 * memory (nothing is written), and gives each file's error messages.
 */
function compileWith(edits: Record<string, (text: string) => string>, oldProgram?: ts.Program): { program: ts.Program; errors: Record<string, string[]> } {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.json not read');
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const change = edits[path.resolve(fileName)];
    if (!change) return read(fileName, languageVersion, onError, shouldCreate);
    return ts.createSourceFile(fileName, change(ts.sys.readFile(fileName) ?? ''), languageVersion);
  };
  const roots = [REGISTRY_FILE, HANDLERS_FILE, RULES_FILE, RESOURCES_FILE];
  const program = ts.createProgram(roots, options, host, oldProgram);
  const errors: Record<string, string[]> = {};
  for (const file of roots) {
    const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(file));
    errors[path.relative(ROOT, file)] = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  }
  return { program, errors };
}

describe('the intent registry', () => {
  it('names every intent type once, in the order adapters register them', () => {
    expect(new Set(INTENT_TYPES).size).toBe(INTENT_TYPES.length);
    expect(INTENT_TYPES).toHaveLength(44);
    expect(INTENT_TYPES.slice(0, 3)).toEqual(['help', 'vms.list', 'jobs.list']);
  });

  // The lists the registry replaced (SUBMIT_TYPES, MESSAGE_ONLY_INTENTS, attempted()), as they were,
  // except that SUBMIT_TYPES had missed subscribe.submit (a form's submit, read from its schema now).
  it('says which intents forms send, which may open a form and how a failure is titled, as the lists it replaced did', () => {
    expect(INTENT_TYPES.filter(isFormSubmission)).toEqual([
      'enable.chooseVm',
      'enable.chooseVault',
      'enable.choosePolicy',
      'enable.definePolicy',
      'enable.confirm',
      'vault.choose',
      'vault.define',
      'vault.settings',
      'vault.definePolicy',
      'vault.chooseVms',
      'policy.pickVault',
      'policy.define',
      'now.chooseVm',
      'now.submit',
      'stop.submit',
      'check.chooseVm',
      'resume.submit',
      'policy.setChoose',
      'policy.setConfirm',
      'subscribe.submit',
    ]);
    expect(INTENT_TYPES.filter((t) => !mayOpenForm(t)).sort()).toEqual(
      ['help', 'vms.list', 'jobs.list', 'policy.list', 'policy.show', 'status', 'coverage', 'job.refresh', 'job.cancel', 'job.cancelAsk', 'items', 'unsubscribe', 'subscriptions.list', 'health', 'undelete'].sort(),
    );
    expect(Object.fromEntries(INTENT_TYPES.filter((t) => failureTitle(t) !== 'That did not work').map((t) => [t, failureTitle(t)]))).toEqual({
      'enable.confirm': 'Backup was not enabled',
      'vault.chooseVms': 'Backup was not enabled',
      'now.submit': 'Backup now did not start',
      'policy.define': 'The policy was not created',
      'stop.submit': 'Protection was not stopped',
      'resume.submit': 'Protection was not resumed',
      'policy.setConfirm': 'The policy was not changed',
      undelete: 'The backup data was not undeleted',
      'job.cancel': 'The job was not cancelled',
    });
  });

  it('reads a form submission without values as one with no inputs, and refuses unknown types', () => {
    expect(parseIntent({ type: 'subscribe.submit' })).toEqual({ type: 'subscribe.submit', values: {} });
    expect(parseIntent('{"type":"stop.submit","vmId":"/x","deleteData":false}')).toEqual({ type: 'stop.submit', vmId: '/x', deleteData: false, values: {} });
    expect(parseIntent({ type: 'status', values: { a: 'b' } })).toEqual({ type: 'status' });
    expect(parseIntent({ type: 'toString' })).toBeUndefined();
    expect(parseIntent({ type: 'share' })).toBeUndefined();
    expect(parseIntent(['help'])).toBeUndefined();
  });

  it('compares shapes at every depth, not only by assignability', () => {
    type Vault = { kind: 'new'; name: string; newResourceGroup?: boolean };
    const same: SameShape<{ a?: string; v: Vault }, { a?: string | undefined } & { v: Vault }> = true;
    // @ts-expect-error a schema that drops a nested optional property (mutually assignable, not the same)
    const droppedNested: SameShape<{ v: Vault }, { v: { kind: 'new'; name: string } }> = true;
    // @ts-expect-error a property required on one side and optional on the other
    const optional: SameShape<{ a: string }, { a?: string }> = true;
    // @ts-expect-error a wider type on one side
    const wider: SameShape<{ a: 'x' }, { a: string }> = true;
    expect([same, droppedNested, optional, wider]).toEqual([true, true, true, true]);
  });

  // The drift the registry removes: before it, an intent missing from the schema compiled and its
  // buttons were refused at run time. This compiles the real files with a new intent added.
  it('does not compile while a new intent lacks a registry entry, a handler, an access rule or its resources, or its schema drifts', () => {
    const missing = compileWith({ [INTENTS_FILE]: withShareIntent });
    expect(missing.errors['src/flows/intent-registry.ts']).toContainEqual(expect.stringMatching(/Property 'share' is missing in type .* 'IntentRegistry'/));
    expect(missing.errors['src/flows/create-flows.ts']).toEqual([expect.stringMatching(/Property 'share' is missing in type .* 'HandlerMap'/)]);
    expect(missing.errors['src/access/intent-policy.ts']).toEqual([expect.stringMatching(/Property 'share' is missing in type .* 'IntentRules'/)]);
    expect(missing.errors['src/access/intent-resources.ts']).toEqual([expect.stringMatching(/Property 'share' is missing in type .* 'Extractors'/)]);

    // Registered, handled and classified, but its schema does not read the optional `note`: the schema
    // is still assignable to the intent's, so only the shape check fails (it would drop every `note`).
    const drifted = compileWith(
      {
        [INTENTS_FILE]: withShareIntent,
        [REGISTRY_FILE]: (text) => edit(text, '} satisfies IntentRegistry;', "  share: { ...message, schema: z.object({ type: z.literal('share'), channelId: z.string() }) },\n} satisfies IntentRegistry;"),
        [HANDLERS_FILE]: (text) => edit(text, '  health: (ctx) => health(ctx),\n', "  health: (ctx) => health(ctx),\n  share: () => helpFlow({ type: 'help' }),\n"),
        [RULES_FILE]: (text) => edit(text, "  health: { needs: 'admin'", "  share: read('Sharing'),\n  health: { needs: 'admin'"),
        [RESOURCES_FILE]: (text) => edit(text, '  health: () => NONE,\n', '  health: () => NONE,\n  share: () => NONE,\n'),
      },
      missing.program,
    );
    expect(drifted.errors).toEqual({
      'src/flows/intent-registry.ts': [expect.stringMatching(/is not assignable to type '\{ drifted: "share"; \}'/)],
      'src/flows/create-flows.ts': [],
      'src/access/intent-policy.ts': [],
      'src/access/intent-resources.ts': [],
    });
  }, 300_000);
});
