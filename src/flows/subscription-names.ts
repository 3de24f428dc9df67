import type { FlowContext } from './flow-context';

/**
 * The subscriptions' display names by lower-case id (as ARM names them), or none when the
 * service cannot read them: the forms then show the ids alone.
 */
export async function subscriptionNames(ctx: FlowContext): Promise<Record<string, string>> {
  try {
    return (await ctx.backup.subscriptionNames?.()) ?? {};
  } catch (err) {
    ctx.logger.warn('could not read the subscriptions\' names; showing their ids', { err });
    return {};
  }
}

/** "Contoso Production (3c1a5a0e-…)", or the id alone when Azure gave no name. */
export function subscriptionWords(id: string, names: Record<string, string>): string {
  const name = names[id.toLowerCase()];
  return name ? `${name} (${id})` : id;
}
