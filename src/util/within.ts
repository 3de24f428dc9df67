/**
 * What `work` resolves to if it settles within `ms`, otherwise undefined (the work goes on; only
 * the wait ends). Rejects when the work rejects in time.
 */
export function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
