/**
 * The deployment files keep their promises (no Docker engine runs here to build them):
 * a multi-stage image running as a non-root user with a health check on /readyz, and a
 * compose file with MongoDB as a single-node replica set that the bot waits for.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

test('Dockerfile: multi-stage, non-root, built from the lockfile, health-checked', () => {
  const dockerfile = read('Dockerfile');
  expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toContain('COPY package.json package-lock.json ./');
  expect(dockerfile).toContain('npm prune --omit=dev');
  expect(dockerfile).toMatch(/HEALTHCHECK .*\/readyz/);
  expect(dockerfile).toContain('CMD ["node", "bin/waymark.js", "run"]');
  expect(read('.dockerignore')).toContain('.env');
});

test('docker-compose.yml: MongoDB as a one-node replica set, the bot pointed at it', () => {
  const compose = parse(read('docker-compose.yml'));
  expect(compose.services.mongo.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
  expect(compose.services.waymark.environment.MONGODB_URI).toBe('mongodb://mongo:27017/waymark?replicaSet=rs0');
  expect(compose.services.waymark.depends_on.mongo.condition).toBe('service_healthy');
});
