import fs from 'node:fs';
import path from 'node:path';
import { DOCKERFILE_LINES, healthcheckCommand, ROOT } from '../../integration/production/image-recipe';

// test/integration/production/ stands in for a container build by mirroring these Dockerfile
// lines; if one changes, the mirror must change with it.

const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n');

describe('Dockerfile', () => {
  const mirrored = Object.values(DOCKERFILE_LINES).flat();

  it.each(mirrored)('still has the line the production test mirrors: %s', (line) => {
    expect(dockerfile).toContain(line);
  });

  it('builds on the official Node LTS slim image, in stages, and runs as the non-root user node', () => {
    const base = dockerfile.find((line) => line.startsWith('ARG NODE_IMAGE='));
    expect(base).toMatch(/^ARG NODE_IMAGE=node:(22|24)-[a-z]+-slim$/);
    expect(dockerfile.filter((line) => line.startsWith('FROM ${NODE_IMAGE}'))).toHaveLength(3);
    const lastFrom = dockerfile.map((line) => line.startsWith('FROM ')).lastIndexOf(true);
    const users = dockerfile.slice(lastFrom).filter((line) => line.startsWith('USER '));
    expect(users).toEqual(['USER node']);
  });

  it('checks health on /healthz', () => {
    expect(healthcheckCommand().join(' ')).toContain('/healthz');
  });
});
