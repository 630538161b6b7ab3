// Starts `relais serve --demo` on a fresh data directory and a free
// loopback port, serving frontend/dist; shared by the end-to-end run and
// the console benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const repo = resolve(frontend, '..');

/** RELAIS_BIN, else $CARGO_TARGET_DIR/<profile>/relais. */
export function relaisBinary(profile) {
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
  return process.env.RELAIS_BIN ?? join(targetDir, profile, 'relais');
}

function freePort() {
  return new Promise((ok, ko) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', ko);
  });
}

/** `env`: settings added to the process's environment (e.g. `RELAIS_JOBS__ENABLED`). */
export async function startRelais(profile, { env = {} } = {}) {
  const relaisBin = relaisBinary(profile);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'relais-e2e-'));
  const child = spawn(relaisBin, ['serve', '--demo'], {
    cwd: dataDir,
    env: {
      ...process.env,
      RELAIS_DATA_DIR: dataDir,
      RELAIS_HTTP__HOST: '127.0.0.1',
      RELAIS_HTTP__PORT: String(port),
      RELAIS_CONSOLE__DIRECTORY: join(frontend, 'dist'),
      RELAIS_LOG__LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`relais stopped:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return { url, child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`relais did not become ready:\n${output}`);
}

