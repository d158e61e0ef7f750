// Starts a real Tessera for one test file: a temp folder with kratos.yml, the identity schema and a SQLite
// database (or the database in env DSN), `tessera migrate sql -e --yes`, then `tessera serve -c kratos.yml --dev`.
//
// Which Tessera: env TESSERA_BIN (an executable, e.g. a published native binary), env TESSERA_DLL (run with
// `dotnet`), otherwise the Release build of src/Tessera in this repository (built on demand).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Configuration, CourierApi, FrontendApi, IdentityApi } from '@ory/kratos-client';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const defaultDll = join(repoRoot, 'src', 'Tessera', 'bin', 'Release', 'net10.0', 'tessera.dll');

export const UI = 'http://127.0.0.1:4455';

export function buildTessera() {
  console.log('sdk: dotnet build src/Tessera -c Release');
  const r = spawnSync('dotnet', ['build', 'src/Tessera', '-c', 'Release', '-nologo', '-v', 'q'], {
    cwd: repoRoot, stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  if (r.status !== 0) throw new Error('dotnet build src/Tessera failed (exit ' + r.status + ')');
}

// A path given in the environment is taken relative to where the suite was started (the server runs in a temp folder).
const fromEnv = (value) => (value.includes('/') ? resolve(value) : value);

function command() {
  if (process.env.TESSERA_BIN) return [fromEnv(process.env.TESSERA_BIN), []];
  if (process.env.TESSERA_DLL) return ['dotnet', [fromEnv(process.env.TESSERA_DLL)]];
  if (!existsSync(defaultDll)) buildTessera();
  return ['dotnet', [defaultDll]];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function config({ dsn, publicUrl, adminUrl, publicPort, adminPort, schemaUrl }) {
  return `# Written by tests/sdk/server.mjs
dsn: ${JSON.stringify(dsn)}
dev: true
serve:
  public:
    host: 127.0.0.1
    port: ${publicPort}
    base_url: ${publicUrl}
  admin:
    host: 127.0.0.1
    port: ${adminPort}
    base_url: ${adminUrl}
identity:
  default_schema_id: default
  schemas:
    - id: default
      url: ${schemaUrl}
secrets:
  cookie:
    - sdk-suite-cookie-secret-0123456789
  cipher:
    - sdk-suite-cipher-secret-01234567
hashers:
  algorithm: bcrypt
  bcrypt:
    cost: 4
selfservice:
  default_browser_return_url: ${UI}/welcome
  allowed_return_urls:
    - ${UI}
  methods:
    password:
      enabled: true
      config:
        haveibeenpwned_enabled: false
  flows:
    error:
      ui_url: ${UI}/error
    settings:
      ui_url: ${UI}/settings
    login:
      ui_url: ${UI}/login
    registration:
      ui_url: ${UI}/registration
      after:
        password:
          hooks:
            - hook: session
    logout:
      after:
        default_browser_return_url: ${UI}/login
`;
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Wraps an SDK API object so that an HTTP error's message names the request and the answer (the error object is
 * otherwise unchanged: tests still read err.response.status / err.response.data).
 */
function explained(api) {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      return (...args) => value.apply(target, args).catch((err) => {
        if (err?.response) {
          const { config = {}, response } = err;
          let body = typeof response.data === 'string' ? response.data : JSON.stringify(response.data);
          if (body && body.length > 800) body = body.slice(0, 800) + '…';
          err.message = `${String(prop)}: ${(config.method ?? '').toUpperCase()} ${config.url} answered HTTP ${response.status}: ${body}`;
        }
        throw err;
      });
    },
  });
}

/**
 * Starts Tessera and returns { publicUrl, adminUrl, publicBase, adminBase, csrfCookieName, frontend, identity, courier,
 * log(), stop() }. publicUrl/adminUrl end with "/" (as configured); publicBase/adminBase do not (SDK basePath).
 * `overlay` (an object) is written as a second config file that Tessera merges over kratos.yml, as Kratos merges
 * repeated -c files.
 */
export async function startTessera({ overlay } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-sdk-'));
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const publicUrl = `http://127.0.0.1:${publicPort}/`;
  const adminUrl = `http://127.0.0.1:${adminPort}/`;
  const schemaPath = join(dir, 'identity.schema.json');
  copyFileSync(join(here, 'fixtures', 'identity.email-password.schema.json'), schemaPath);
  const dsn = process.env.DSN || `sqlite://${join(dir, 'sdk.db')}?_fk=true`;
  const configPath = join(dir, 'kratos.yml');
  writeFileSync(configPath, config({ dsn, publicUrl, adminUrl, publicPort, adminPort, schemaUrl: 'file://' + schemaPath }));

  const configArgs = ['-c', configPath];
  if (overlay) {
    const overlayPath = join(dir, 'overlay.json');
    writeFileSync(overlayPath, JSON.stringify(overlay, null, 2));
    configArgs.push('-c', overlayPath);
  }

  const [exe, prefix] = command();
  const env = { ...process.env, DSN: dsn, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };
  const logFile = join(dir, 'tessera.log');

  const migrate = spawnSync(exe, [...prefix, 'migrate', 'sql', '-e', '--yes'], { cwd: dir, env, encoding: 'utf8' });
  if (migrate.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`tessera migrate sql -e --yes failed (exit ${migrate.status}):\n${migrate.stdout}${migrate.stderr}`);
  }

  const out = openSync(logFile, 'a');
  const child = spawn(exe, [...prefix, 'serve', ...configArgs, '--dev'], { cwd: dir, env, stdio: ['ignore', out, out] });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const killOnExit = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited === null) {
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    }
    if (!process.env.TESSERA_SDK_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log('sdk: kept ' + dir);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      const log = tail(logFile);
      await stop();
      throw new Error(`tessera serve exited (${JSON.stringify(exited)}) before it was ready:\n${log}`);
    }
    try {
      const [p, a] = await Promise.all([fetch(publicUrl + 'health/ready'), fetch(adminUrl + 'health/ready')]);
      if (p.status === 200 && a.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      const log = tail(logFile);
      await stop();
      throw new Error(`tessera serve was not ready within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const publicBase = publicUrl.replace(/\/$/, '');
  const adminBase = adminUrl.replace(/\/$/, '');
  return {
    dir,
    publicUrl,
    adminUrl,
    publicBase,
    adminBase,
    csrfCookieName: 'csrf_token_' + createHash('sha256').update(publicUrl).digest('hex'),
    frontend: explained(new FrontendApi(new Configuration({ basePath: publicBase }))),
    identity: explained(new IdentityApi(new Configuration({ basePath: adminBase }))),
    courier: explained(new CourierApi(new Configuration({ basePath: adminBase }))),
    // The schema endpoints of IdentityApi live on the public listener.
    publicIdentity: explained(new IdentityApi(new Configuration({ basePath: publicBase }))),
    log: (lines) => tail(logFile, lines),
    stop,
  };
}
