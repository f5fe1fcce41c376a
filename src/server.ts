import { resolve } from 'node:path';
import { createApp } from './http/app.js';
import { fixedRuleSet } from './http/rule-set-source.js';
import { loadRuleSet } from './rules/load-rules.js';
import { formatProblem } from './rules/yaml-file.js';

/** Starts the service with the rules in RULES_DIR (default ./rules) on PORT (default 3000). */
function main(): void {
  const rulesDirectory = resolve(process.env.RULES_DIR ?? 'rules');
  const loaded = loadRuleSet(rulesDirectory);
  if (!loaded.ok) {
    for (const found of loaded.problems) process.stderr.write(`${formatProblem(found)}\n`);
    process.stderr.write(`sbsp-rules: ${loaded.problems.length} problem(s) in ${rulesDirectory}; not starting\n`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp(fixedRuleSet(loaded.ruleSet), {
    onUnexpectedError: (error) => process.stderr.write(`sbsp-rules: unexpected error: ${(error as Error).stack ?? String(error)}\n`),
  });
  const server = app.listen(port, () => {
    const programmes = [...loaded.ruleSet.programmes.values()].map((programme) => `${programme.id} (${programme.versions.length} version(s))`);
    process.stdout.write(`sbsp-rules listening on port ${port} with ${programmes.join(', ')}\n`);
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
