import { resolve } from 'node:path';
import { createApp } from './http/app.js';
import { LiveRuleSet } from './reload/live-rule-set.js';
import { formatProblem } from './rules/yaml-file.js';

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Starts the service with the rules in RULES_DIR (default ./rules) on PORT (default 3000). The rules are watched
 * and reloaded on change and on SIGHUP; a change with problems is refused and the last good rules keep serving.
 */
function main(): void {
  const rulesDirectory = resolve(process.env.RULES_DIR ?? 'rules');
  const loaded = LiveRuleSet.load(rulesDirectory);
  if (!loaded.ok) {
    for (const found of loaded.problems) process.stderr.write(`${formatProblem(found)}\n`);
    process.stderr.write(`sbsp-rules: ${loaded.problems.length} problem(s) in ${rulesDirectory}; not starting\n`);
    process.exit(1);
  }
  const live = loaded.live;
  const report = (outcome: ReturnType<LiveRuleSet['reload']>): void => {
    if (outcome.reloaded) log(`sbsp-rules: rules reloaded (generation ${outcome.generation})`);
    else {
      for (const found of outcome.problems) process.stderr.write(`${formatProblem(found)}\n`);
      process.stderr.write(`sbsp-rules: the change to the rules was refused (${outcome.problems.length} problem(s)); the last good rules keep serving\n`);
    }
  };
  if (process.env.RULES_WATCH !== 'off') live.watch(report);
  process.on('SIGHUP', () => report(live.reload()));

  const port = Number(process.env.PORT ?? 3000);
  const app = createApp(live, {
    onUnexpectedError: (error) => process.stderr.write(`sbsp-rules: unexpected error: ${(error as Error).stack ?? String(error)}\n`),
  });
  const server = app.listen(port, () => {
    const programmes = [...live.current().programmes.values()].map((programme) => `${programme.id} (${programme.versions.length} version(s))`);
    log(`sbsp-rules listening on port ${port} with ${programmes.join(', ')}`);
  });
  const stop = (): void => {
    live.close();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
