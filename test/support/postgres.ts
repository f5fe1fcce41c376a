import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);

const INSTALL_HINT = "install Debian's PostgreSQL (apt-get install postgresql; .ci/run does it when initdb is missing)";

/** The folder of PostgreSQL's programs: pg_config's, else Debian's /usr/lib/postgresql/<newest>/bin, else PATH's. */
async function postgresPrograms(): Promise<string> {
  const fromPgConfig = await run('pg_config', ['--bindir']).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  );
  if (fromPgConfig && existsSync(join(fromPgConfig, 'initdb'))) return fromPgConfig;
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((version) => existsSync(join('/usr/lib/postgresql', version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (debian[0] !== undefined) return join('/usr/lib/postgresql', debian[0], 'bin');
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .find((folder) => folder !== '' && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl')));
  if (onPath !== undefined) return onPath;
  throw new Error(`PostgreSQL's initdb and pg_ctl were not found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH): ${INSTALL_HINT}`);
}

/** initdb refuses to run as root: as root, the cluster's programs run as the postgres user. */
function asClusterOwner(program: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, [...args]];
}

async function uidOfPostgres(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string): Promise<number> => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw new Error(`there is no postgres user to run the test cluster as (tests run as root): ${INSTALL_HINT}`);
  }
}

/**
 * A PostgreSQL cluster of the tests' own: initdb'd in a fresh temporary folder, listening only on a Unix socket in
 * that folder (no TCP port to collide on), fsync on. Each test takes its own database of it.
 */
export class PostgresCluster {
  #databases = 0;

  private constructor(
    readonly folder: string,
    private readonly programs: string,
  ) {}

  get dataDirectory(): string {
    return join(this.folder, 'data');
  }

  /** The socket's folder, which is also pg's `host` for it. */
  get socketDirectory(): string {
    return this.folder;
  }

  static async start(): Promise<PostgresCluster> {
    const programs = await postgresPrograms();
    const folder = mkdtempSync(join(tmpdir(), 'sbsp-pg-'));
    // A Unix socket's path has at most 107 bytes: a long TMPDIR would fail later with a less clear message.
    if (Buffer.byteLength(join(folder, '.s.PGSQL.5432.lock')) > 107) {
      rmSync(folder, { recursive: true, force: true });
      throw new Error(`the temporary folder ${folder} is too long a path for PostgreSQL's Unix socket: set TMPDIR=/tmp`);
    }
    const cluster = new PostgresCluster(folder, programs);
    try {
      if (process.getuid?.() === 0) {
        const owner = await uidOfPostgres();
        chownSync(folder, owner.uid, owner.gid);
      }
      await cluster.#pg('initdb', ['-D', cluster.dataDirectory, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
      await cluster.startServer();
      return cluster;
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
  }

  async #pg(program: string, args: readonly string[]): Promise<string> {
    const [command, commandArgs] = asClusterOwner(join(this.programs, program), args);
    try {
      const { stdout } = await run(command, commandArgs, { cwd: this.folder, timeout: 60_000 });
      return stdout;
    } catch (error) {
      const failure = error as { stderr?: string; message: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${failure.stderr || failure.message}${this.#serverLog()}`);
    }
  }

  #serverLog(): string {
    const log = join(this.folder, 'server.log');
    return existsSync(log) ? `\nserver log:\n${readFileSync(log, 'utf8').slice(-4000)}` : '';
  }

  /** Starts the server (again) and waits until it takes connections. */
  async startServer(): Promise<void> {
    const options = `-c listen_addresses='' -c unix_socket_directories='${this.socketDirectory}' -c fsync=on -c max_connections=60`;
    await this.#pg('pg_ctl', ['start', '-w', '-t', '60', '-D', this.dataDirectory, '-l', join(this.folder, 'server.log'), '-o', options]);
  }

  /** Stops the server the way an administrator would (`pg_ctl stop -m fast`): sessions are ended, nothing is lost. */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.#pg('pg_ctl', ['stop', '-w', '-t', '60', '-m', mode, '-D', this.dataDirectory]);
  }

  /** Whether the server is up (`pg_ctl status`). */
  async isRunning(): Promise<boolean> {
    return this.#pg('pg_ctl', ['status', '-D', this.dataDirectory]).then(
      () => true,
      () => false,
    );
  }

  /** A connection string to `database` over the socket. */
  connectionString(database: string): string {
    return `postgresql://postgres@/${database}?host=${encodeURIComponent(this.socketDirectory)}`;
  }

  /** A new, empty database of this cluster, for one test: its connection string. */
  async createDatabase(): Promise<string> {
    this.#databases += 1;
    const name = `test_${process.pid}_${this.#databases}`;
    const client = new pg.Client({ connectionString: this.connectionString('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.connectionString(name);
  }

  /** Drops a database made by createDatabase, once nothing is connected to it. */
  async dropDatabase(connectionString: string): Promise<void> {
    const name = /\/(test_\d+_\d+)\?/.exec(connectionString)?.[1];
    if (name === undefined) throw new Error(`${connectionString} is not a database of createDatabase`);
    const client = new pg.Client({ connectionString: this.connectionString('postgres') });
    await client.connect();
    try {
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }

  /** Stops the server at once, whatever it is doing, and deletes the folder. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDirectory, 'postmaster.pid'))) await this.stopServer('immediate').catch(() => undefined);
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/**
 * A cluster for the calling test file: started before its tests (beforeAll), stopped and deleted after them
 * (afterAll), whatever happened. The function gives it to a test.
 */
export function clusterOfThisFile(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await PostgresCluster.start();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });
  return () => {
    if (cluster === undefined) throw new Error('the PostgreSQL cluster of this file did not start (see the error of beforeAll)');
    return cluster;
  };
}
