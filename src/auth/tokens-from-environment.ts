import { readFileSync } from 'node:fs';
import type { RuleFileProblem } from '../rules/model.js';
import { type TokenRegistry, tokensFromText } from './api-tokens.js';
import { LiveTokenRegistry } from './live-token-registry.js';
import { TokenRegistryFile } from './token-registry-file.js';

/** The three places API tokens can come from; a service takes its tokens from one of them. */
const SOURCES = ['TOKENS_DB', 'TOKENS_FILE', 'SBSP_TOKENS'] as const;

export type ConfiguredTokens = { ok: true; registry: TokenRegistry | null; live: LiveTokenRegistry | null } | { ok: false; problems: RuleFileProblem[] };

function namesOf(set: readonly string[]): string {
  return set.length === 2 ? `both ${set[0]} and ${set[1]}` : `${set.slice(0, -1).join(', ')} and ${set.at(-1)}`;
}

/**
 * The tokens configured in the environment: the registry file named by TOKENS_DB (read again while the service
 * runs: `live`), a file named by TOKENS_FILE (YAML or JSON), or the JSON in SBSP_TOKENS. None set is open development
 * mode (registry null); one set but empty does not start. More than one set does not start: a token revoked in the registry must not come back from
 * a file, and one id must mean one token.
 */
export function tokensFromEnvironment(environment: NodeJS.ProcessEnv): ConfiguredTokens {
  const set = SOURCES.filter((name) => environment[name] !== undefined);
  const [source] = set;
  if (set.length > 1) return { ok: false, problems: [{ file: source as string, line: 1, column: 1, message: `${namesOf(set)} are set; set one` }] };
  if (source === undefined) return { ok: true, registry: null, live: null };
  const value = environment[source] as string;
  // Set but empty is a mistake (a variable cleared by a deploy script, a template left blank), not a wish to run open.
  if (value.trim() === '')
    return {
      ok: false,
      problems: [{ file: source, line: 1, column: 1, message: `${source} is set but empty; give it a value, or unset it for open development mode` }],
    };
  if (source === 'TOKENS_DB') {
    const loaded = LiveTokenRegistry.load(new TokenRegistryFile(value));
    return loaded.ok ? { ok: true, registry: loaded.live.registry, live: loaded.live } : loaded;
  }
  if (source === 'SBSP_TOKENS') return withoutReload(tokensFromText('SBSP_TOKENS', value));
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file: value, line: 1, column: 1, message: `cannot read: ${(error as Error).message}` }] };
  }
  return withoutReload(tokensFromText(value, text));
}

function withoutReload(read: ReturnType<typeof tokensFromText>): ConfiguredTokens {
  return read.ok ? { ok: true, registry: read.registry, live: null } : read;
}
