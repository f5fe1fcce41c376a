import type { Command } from 'commander';
import type { RequestProblem } from '../../answer/problem.js';
import { type CalendarDate, parseCalendarDate, previousDay } from '../../calendar/calendar-date.js';
import type { DecisionSummary } from '../../decisions/decision-record.js';
import { type DecisionQuery, type DecisionStore, StoreUnavailable } from '../../decisions/decision-store.js';
import { PersonRefKey } from '../../decisions/person-ref.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, SEARCH_PARAMETERS, searchParametersOf } from '../../decisions/search-parameters.js';
import { EXIT, printErr, printOut, setExitStatus, usageError, columns } from '../cli-output.js';

interface SearchOptions {
  programme?: string;
  municipality?: string;
  from?: string;
  to?: string;
  eligible?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

interface PurgeOptions {
  before?: string;
  personRef?: string;
  yes?: boolean;
}

/** What a purge deletes: the records of the days before a date (retention), or one person's records (erasure). */
type Purge = { kind: 'before'; before: CalendarDate } | { kind: 'person'; hmacSha256: string };

const STORE_HELP = `
The records are those the service keeps: in PostgreSQL when DATABASE_URL is set, else in DECISIONS_DIR (default ./data).`;

/** A problem of a search's parameters, named as the option that has it: /from → --from. */
function optionProblem(found: RequestProblem): string {
  return `--${found.path.slice(1)}: ${found.message}`;
}

/**
 * The store the service uses, open for `use` and closed after. A store that cannot be opened, or cannot serve now,
 * exits 1 with the reason. Its module is loaded here, not with the program: the other commands never touch records
 * and need no database driver.
 */
async function withStore(command: Command, environment: NodeJS.ProcessEnv, use: (store: DecisionStore) => Promise<void>): Promise<void> {
  const unavailable = (reason: string): void => {
    printErr(command, `sbsp-rules decisions: the decision store is not available: ${reason}`);
    setExitStatus(command, EXIT.problems);
  };
  let store: DecisionStore;
  try {
    const { openDecisionStore } = await import('../../decisions/open-store.js');
    store = await openDecisionStore(environment);
  } catch (error) {
    return unavailable(error instanceof StoreUnavailable ? error.reason : (error as Error).message);
  }
  try {
    await use(store);
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    unavailable(error.reason);
  } finally {
    await store.close();
  }
}

function outcomeWords(item: DecisionSummary): string {
  if (item.compensation !== undefined) return `${item.compensation} EUR`;
  if (item.eligible === undefined) return '';
  return item.eligible ? 'eligible' : 'not eligible';
}

/** The summaries as a table of padded columns, as `sbsp-rules test` prints its coverage. */
function summaryTable(items: readonly DecisionSummary[]): string[] {
  const rows = items.map((item) => [
    item.time,
    item.decisionId,
    item.programme,
    item.endpoint,
    outcomeWords(item),
    item.municipality ?? '(open development)',
    item.ruleset?.version ?? '',
  ]);
  const table = [['time (UTC)', 'decision', 'programme', 'endpoint', 'outcome', 'municipality', 'rule version'], ...rows];
  return columns(table);
}

/** How many records a search finds: it pages through them, as a client would. */
async function countFound(store: DecisionStore, filters: Omit<DecisionQuery, 'limit' | 'cursor'>): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await store.search({ ...filters, limit: MAX_SEARCH_LIMIT, ...(cursor === null ? {} : { cursor }) });
    count += page.items.length;
    cursor = page.next;
  } while (cursor !== null);
  return count;
}

/** How many records a purge would delete. */
async function countPurged(store: DecisionStore, purge: Purge): Promise<number> {
  if (purge.kind === 'person') return countFound(store, { personRefHmac: purge.hmacSha256 });
  const lastDay = previousDay(purge.before);
  return lastDay === null ? 0 : countFound(store, { to: lastDay });
}

/**
 * The purge the options ask for. `--before` and `--person-ref` are two purges, each counted and confirmed on its
 * own: given together they are refused rather than read as "both" or as "either".
 */
function purgeOf(command: Command, options: PurgeOptions, environment: NodeJS.ProcessEnv): Purge {
  if (options.before !== undefined && options.personRef !== undefined)
    usageError(command, '--before and --person-ref are two purges (retention, and the erasure of one person): give one of them');
  if (options.personRef !== undefined) return { kind: 'person', hmacSha256: personRefDigest(command, options.personRef, environment) };
  if (options.before === undefined) usageError(command, "give --before <date> (the records made before a day) or --person-ref <ref> (one person's records)");
  const before = parseCalendarDate(options.before);
  if (before === null) usageError(command, `--before: must be a real date (YYYY-MM-DD, years 0001–9999), not "${options.before}"`);
  return { kind: 'before', before };
}

/**
 * The HMAC the records keep of this personRef: made with DECISION_HMAC_KEY, the key the service digests personRefs
 * with. Without it the person's records cannot be found, and the command says so rather than find none.
 */
function personRefDigest(command: Command, personRef: string, environment: NodeJS.ProcessEnv): string {
  if (personRef === '') usageError(command, '--person-ref: must not be empty: the reference exactly as the requests sent it');
  const secret = environment.DECISION_HMAC_KEY;
  if (!secret)
    usageError(
      command,
      '--person-ref needs DECISION_HMAC_KEY, the key the service digests personRefs with: the records keep only that digest, and without the key no record of the person can be found',
    );
  const key = PersonRefKey.fromSecret(secret);
  if (!(key instanceof PersonRefKey)) usageError(command, `--person-ref: ${key.problem}`);
  return key.digest(personRef).hmacSha256;
}

/** What a purge deletes, in words: never the personRef itself. */
function purgeWords(purge: Purge, options: PurgeOptions): string {
  return purge.kind === 'before' ? `made before ${options.before}` : 'of this personRef';
}

function decisionsCounted(count: number): string {
  return `${count} decision${count === 1 ? '' : 's'}`;
}

export function registerDecisions(program: Command, environment: NodeJS.ProcessEnv = process.env): void {
  const decisions = program
    .command('decisions')
    .description("the decision records the service keeps: search them, and delete those past their retention or one person's")
    .addHelpText('after', STORE_HELP);

  decisions
    .command('search')
    .description('search the decision records, newest first, a page at a time (as GET /v1/decisions does, for an auditor)')
    .option('--programme <id>', 'only decisions of this programme, e.g. nsk')
    .option('--municipality <name>', "only decisions made with this municipality's tokens")
    .option('--from <date>', 'only decisions made on this day (UTC) or later, YYYY-MM-DD')
    .option('--to <date>', 'only decisions made on this day (UTC) or earlier, YYYY-MM-DD')
    .option('--eligible <true|false>', 'only eligibility decisions with this answer')
    .option('--limit <n>', `decisions a page, 1 to ${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT})`)
    .option('--cursor <id>', 'the page after this one: the cursor the previous page printed')
    .option('--json', 'print the page as the API returns it: { items, next }')
    .addHelpText('after', `${STORE_HELP}\n\n  sbsp-rules decisions search --programme nsk --municipality riga --from 2024-07-01 --to 2024-12-31`)
    .action(async (options: SearchOptions, command: Command) => {
      const given = SEARCH_PARAMETERS.flatMap((name) => (options[name] === undefined ? [] : [[name, options[name]]]));
      const parsed = searchParametersOf(Object.fromEntries(given));
      if (!parsed.ok) usageError(command, parsed.problems.map(optionProblem).join('\n'));
      await withStore(command, environment, async (store) => {
        const page = await store.search(parsed.query);
        if (options.json) return printOut(command, JSON.stringify(page, null, 2));
        if (page.items.length === 0) return printOut(command, parsed.query.cursor === undefined ? 'no decision matches' : 'no more decisions');
        printOut(command, [
          ...summaryTable(page.items),
          '',
          page.next === null
            ? `${decisionsCounted(page.items.length)}, the last page`
            : `${decisionsCounted(page.items.length)}; the next page: --cursor ${page.next}`,
        ]);
      });
    });

  decisions
    .command('purge')
    .description(
      "delete the decision records made before a day (UTC) — retention —, or one person's records — erasure —, with the rule files no remaining record needs. Without --yes, only says how many would go",
    )
    .option('--before <date>', 'records made before this day go; those of the day itself stay, YYYY-MM-DD')
    .option('--person-ref <ref>', 'the records of the person the requests named with this personRef go, whatever their date (needs DECISION_HMAC_KEY)')
    .option('--yes', 'delete them (without it, nothing changes)')
    .addHelpText(
      'after',
      `${STORE_HELP}
--before and --person-ref are two purges: give one of them.

  sbsp-rules decisions purge --before 2015-01-01                # how many would go
  sbsp-rules decisions purge --before 2015-01-01 --yes          # delete them
  sbsp-rules decisions purge --person-ref CASE-2024-0042 --yes  # delete one person's records`,
    )
    .action(async (options: PurgeOptions, command: Command) => {
      const purge = purgeOf(command, options, environment);
      await withStore(command, environment, async (store) => {
        if (!options.yes) {
          const count = await countPurged(store, purge);
          printOut(
            command,
            `${decisionsCounted(count)} ${purgeWords(purge, options)} would be deleted; nothing was changed. Run again with --yes to delete them.`,
          );
          return;
        }
        const deleted = purge.kind === 'before' ? await store.purge(purge.before) : await store.erasePerson(purge.hmacSha256);
        printOut(command, `deleted ${decisionsCounted(deleted)} ${purgeWords(purge, options)}`);
      });
    });
}
