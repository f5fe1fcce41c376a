import type { Command } from 'commander';
import { TOKEN_IDENTITY_RULES } from '../../auth/api-tokens.js';
import type { Role } from '../../auth/caller.js';
import { type RegisteredToken, type TokenIdentity, TokenRegistryFile } from '../../auth/token-registry-file.js';
import { formatProblem } from '../../rules/yaml-file.js';
import { EXIT, printErr, printOut, setExitStatus, usageError, columns } from '../cli-output.js';

interface FileOption {
  file?: string;
}

interface AddOptions extends FileOption {
  id?: string;
  role?: string;
  municipality?: string;
  json?: boolean;
}

interface ListOptions extends FileOption {
  json?: boolean;
}

const REGISTRY_HELP = `
The registry is the JSON document the service reads when TOKENS_DB names it (e.g. data/tokens.json); name it here with
--file or TOKENS_DB. A running service reads it again within a second of a change, and at once on SIGHUP.`;

/** The registry that --file or TOKENS_DB names, or the usage problem that neither does. */
function registryNamed(options: FileOption, environment: NodeJS.ProcessEnv): TokenRegistryFile | string {
  const path = options.file ?? environment.TOKENS_DB;
  return path ? new TokenRegistryFile(path) : 'name the registry with --file <path> or TOKENS_DB';
}

/** A required option's problem: missing, or not as TOKEN_IDENTITY_RULES want it. */
function identityProblem(field: keyof typeof TOKEN_IDENTITY_RULES, value: string | undefined): string | null {
  if (value === undefined) return `--${field} is required`;
  const wrong = TOKEN_IDENTITY_RULES[field](value);
  return wrong === null ? null : `--${field}: ${wrong}, not "${value}"`;
}

function refused(command: Command, problems: readonly string[]): void {
  printErr(command, problems);
  setExitStatus(command, EXIT.problems);
}

/** What a list shows of a token: never its secret's hash. */
function shownToken(token: RegisteredToken): { id: string; role: Role; municipality: string; created: string; revoked: string | null } {
  return { id: token.id, role: token.role, municipality: token.municipality, created: token.created, revoked: token.revoked ?? null };
}

function tokenTable(tokens: readonly RegisteredToken[]): string[] {
  const rows = tokens.map((token) => [token.id, token.role, token.municipality, token.created, token.revoked ?? '']);
  const table = [['id', 'role', 'municipality', 'created (UTC)', 'revoked (UTC)'], ...rows];
  return columns(table);
}

export function registerTokens(program: Command, environment: NodeJS.ProcessEnv = process.env): void {
  const tokens = program
    .command('tokens')
    .description('the API token registry (TOKENS_DB): add a token, revoke one, list them; secrets are kept only as sha256')
    .addHelpText('after', REGISTRY_HELP);

  tokens
    .command('add')
    .description('add a token with a new random secret, printed this once; the registry keeps only its sha256')
    .option('--id <id>', 'the token\'s name, as decision records and logs show it: 1 to 64 letters, digits, ".", "_" or "-"')
    .option('--role <role>', 'caseworker, officer or auditor')
    .option('--municipality <name>', 'the municipality whose decisions it makes or reads (auditors: any name, e.g. state)')
    .option('--file <path>', 'the registry (default: TOKENS_DB); made if missing')
    .option('--json', 'print { id, role, municipality, created, secret }')
    .addHelpText('after', `${REGISTRY_HELP}\n\n  sbsp-rules tokens add --id riga-cw-01 --role caseworker --municipality riga --file data/tokens.json`)
    .action((options: AddOptions, command: Command) => {
      const registry = registryNamed(options, environment);
      const problems = [
        typeof registry === 'string' ? registry : null,
        identityProblem('id', options.id),
        identityProblem('role', options.role),
        identityProblem('municipality', options.municipality),
      ].filter((found): found is string => found !== null);
      if (problems.length > 0 || typeof registry === 'string') return usageError(command, problems.join('\n'));
      const identity = { id: options.id, role: options.role, municipality: options.municipality } as TokenIdentity;
      const added = registry.add(identity, new Date());
      if (!added.ok) return refused(command, added.problems);
      const { token, secret } = added;
      if (options.json)
        return printOut(command, JSON.stringify({ id: token.id, role: token.role, municipality: token.municipality, created: token.created, secret }, null, 2));
      printOut(command, [
        `added token ${token.id} (${token.role}, ${token.municipality}) to ${registry.displayName}`,
        'Its secret, shown this once (callers send "Authorization: Bearer <secret>"):',
        secret,
      ]);
    });

  tokens
    .command('revoke')
    .description('revoke a token: it stops authenticating; it stays listed, and its id is never given again')
    .argument('<id>', 'the token to revoke')
    .option('--file <path>', 'the registry (default: TOKENS_DB)')
    .addHelpText('after', REGISTRY_HELP)
    .action((id: string, options: FileOption, command: Command) => {
      const registry = registryNamed(options, environment);
      if (typeof registry === 'string') return usageError(command, registry);
      const revoked = registry.revoke(id, new Date());
      if (!revoked.ok) return refused(command, revoked.problems);
      const { token } = revoked;
      printOut(
        command,
        revoked.already
          ? `token ${token.id} was already revoked (${token.revoked}); nothing changed`
          : `revoked token ${token.id} (${token.role}, ${token.municipality}) in ${registry.displayName}`,
      );
    });

  tokens
    .command('list')
    .description('list the tokens: id, role, municipality, created, revoked (never a secret or its hash)')
    .option('--file <path>', 'the registry (default: TOKENS_DB)')
    .option('--json', 'print [{ id, role, municipality, created, revoked }] (revoked: null when it is not)')
    .addHelpText('after', REGISTRY_HELP)
    .action((options: ListOptions, command: Command) => {
      const registry = registryNamed(options, environment);
      if (typeof registry === 'string') return usageError(command, registry);
      const read = registry.readExisting();
      if (!read.ok) return refused(command, read.problems.map(formatProblem));
      const listed = read.document.tokens;
      if (options.json) return printOut(command, JSON.stringify(listed.map(shownToken), null, 2));
      printOut(command, listed.length === 0 ? `no tokens in ${registry.displayName}` : tokenTable(listed));
    });
}
