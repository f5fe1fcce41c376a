import { basename } from 'node:path';
import { sha256Of } from './sha256.js';
import { PROGRAMME_FILE, VERSIONS_DIRECTORY } from '../rules/load-rules.js';
import type { Programme, RuleSet } from '../rules/model.js';
import { dataFileOf, ruleFileOf } from '../rules/rule-files.js';
import { referencedProgrammes } from '../rules/check-references.js';

/** A rule file a decision depends on: its path under the rules folder and the sha256 of its text. */
export interface RuleFileRef {
  path: string;
  sha256: string;
}

export interface RuleFileText extends RuleFileRef {
  text: string;
}

/** A version an answer names (in `ruleset` or a segment's `ruleset`). */
export interface VersionUsed {
  programme: string;
  version: string;
  sha256: string;
}

/**
 * What a decision was made with: the versions its answer names, and every file needed to make it again. That is
 * the programme file and all its version files, not only the used ones — which version is in force on a day, and
 * until when, depends on its neighbours — and the calendar and emergency files those versions name.
 */
export interface RulesUsed {
  versions: VersionUsed[];
  files: RuleFileRef[];
}

function fileText(path: string, text: string): RuleFileText {
  return { path, sha256: sha256Of(text), text };
}

/* A programme's files are the same for every decision until a reload builds a new Programme: hash them once. */
const filesOfProgramme = new WeakMap<Programme, RuleFileText[]>();

function programmeFiles(ruleSet: RuleSet, programme: Programme, visiting: ReadonlySet<Programme> = new Set()): RuleFileText[] {
  const known = filesOfProgramme.get(programme);
  if (known) return known;
  const folder = basename(programme.directory);
  const programmeYaml = ruleFileOf(programme);
  if (!programmeYaml) throw new Error(`programme ${programme.id} was not loaded by loadRuleSet: its file text is unknown`);
  const files = [fileText(`${folder}/${PROGRAMME_FILE}`, programmeYaml.text)];
  const dataFiles = new Map<string, string>();
  for (const version of programme.versions) {
    const yaml = ruleFileOf(version);
    if (!yaml) throw new Error(`version ${programme.id} ${version.version} was not loaded by loadRuleSet: its file text is unknown`);
    files.push(fileText(`${folder}/${VERSIONS_DIRECTORY}/${basename(yaml.file)}`, yaml.text));
    const compensation = version.compensation;
    const used =
      compensation?.kind === 'cappedActualCost'
        ? ruleSet.calendars.get(compensation.paymentDue.calendar)
        : compensation?.kind === 'individualBudgetLines'
          ? ruleSet.emergencies.get(compensation.emergencies)
          : undefined;
    const dataFile = used === undefined ? undefined : dataFileOf(used);
    if (dataFile) dataFiles.set(dataFile.path, dataFile.text);
  }
  for (const [path, text] of dataFiles) files.push(fileText(path, text));
  // A programme that reads another's rules (IBM pricing at DI's unit costs) is made again only with those files too.
  for (const id of referencedProgrammes(programme)) {
    const referenced = ruleSet.programmes.get(id);
    if (!referenced || referenced === programme || visiting.has(referenced)) continue;
    const theirs = programmeFiles(ruleSet, referenced, new Set([...visiting, programme]));
    files.push(...theirs.filter((file) => !files.some((known) => known.path === file.path)));
  }
  filesOfProgramme.set(programme, files);
  return files;
}

/** What an answer says of the versions it used: its own ruleset (a date) or its segments' (a period, a compensation). */
export interface NamesRulesets {
  ruleset?: { version: string; sha256: string };
  segments?: ReadonlyArray<{ ruleset: { version: string; sha256: string } }>;
}

/** The rulesets an answer names. */
function rulesetsNamed(answer: NamesRulesets): Array<{ version: string; sha256: string }> {
  return [...(answer.ruleset ? [answer.ruleset] : []), ...(answer.segments ?? []).map((segment) => segment.ruleset)];
}

/** The rules behind an answer of `programmeId` given with `ruleSet`, with the texts to archive. */
export function rulesOfAnswer(ruleSet: RuleSet, programmeId: string, answer: NamesRulesets): { rules: RulesUsed; texts: RuleFileText[] } {
  const programme = ruleSet.programmes.get(programmeId);
  if (!programme) throw new Error(`programme ${programmeId} is not in the rule set that answered`);
  const texts = programmeFiles(ruleSet, programme);
  const versions = new Map<string, VersionUsed>();
  for (const ruleset of rulesetsNamed(answer)) {
    if (!versions.has(ruleset.sha256)) versions.set(ruleset.sha256, { programme: programme.id, version: ruleset.version, sha256: ruleset.sha256 });
  }
  return { rules: { versions: [...versions.values()], files: texts.map(({ path, sha256 }) => ({ path, sha256 })) }, texts };
}
