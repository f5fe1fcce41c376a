import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseCalendarDate } from '../../calendar/calendar-date.js';
import { PROGRAMME_FILE, VERSIONS_DIRECTORY } from '../../rules/load-rules.js';
import { amendmentScaffold, versionBefore } from '../../rules/amendment-scaffold.js';
import { printOut, usageError } from '../cli-output.js';
import { loadRulesOrReport, withRulesOption } from '../rules-option.js';

interface NewVersionOptions {
  rules: string;
  from: string;
  adopted: string;
}

export function registerNewVersion(program: Command): void {
  withRulesOption(program.command('new-version'))
    .description('write a small amendment file: a version from a date that extends the version before it')
    .argument('<programme>', 'the programme folder, e.g. nsk')
    .requiredOption('--from <date>', 'the first day the amendment applies (YYYY-MM-DD)')
    .requiredOption('--adopted <date>', 'the day the amending act was adopted (YYYY-MM-DD)')
    .action((programmeId: string, options: NewVersionOptions, command: Command) => {
      const from = parseCalendarDate(options.from);
      const adopted = parseCalendarDate(options.adopted);
      if (from === null) usageError(command, `--from must be a date (YYYY-MM-DD): ${options.from}`);
      if (adopted === null) usageError(command, `--adopted must be a date (YYYY-MM-DD): ${options.adopted}`);
      const ruleSet = loadRulesOrReport(command, options.rules);
      if (!ruleSet || from === null || adopted === null) return;
      const programme = ruleSet.programmes.get(programmeId);
      if (!programme) return usageError(command, `no programme "${programmeId}" in ${options.rules} (known: ${[...ruleSet.programmes.keys()].join(', ')})`);
      const base = versionBefore(programme, from);
      if (!base) return usageError(command, `${programmeId} has no version that starts before ${from} to amend`);
      if (programme.versions.some((version) => version.version === from || version.effectiveFrom === from))
        return usageError(command, `${programmeId} already has a version from ${from}`);
      const file = join(options.rules, programmeId, VERSIONS_DIRECTORY, `${from}.yaml`);
      if (existsSync(file)) return usageError(command, `${file} exists already`);
      writeFileSync(file, amendmentScaffold(programme, base, from, adopted));
      printOut(command, [
        `wrote ${file}: version ${from} extends ${base.version} (${join(options.rules, programmeId, PROGRAMME_FILE)})`,
        'next: name the act, uncomment what it changes, then sbsp-rules validate and sbsp-rules test',
      ]);
    });
}
