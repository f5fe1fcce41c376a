import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CalendarDate } from '../calendar/calendar-date.js';
import { checkVersion, type DataFileNames } from './check-version.js';
import { emergencyPeriodsFromText } from './emergency-periods.js';
import type { Compensation, DeclaredFact, DerivedFact, Parameter, ParameterValue, Programme, RuleFileProblem, RuleSet, RuleVersion } from './model.js';
import { BUILT_IN_FACTS } from './model.js';
import { workingDayCalendarFromText } from './load-calendar.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { validateRuleFile } from './schema-validation.js';
import { parseYamlFile, problemAt, type YamlFile } from './yaml-file.js';
import { describeFileError, openRuleFolder, readRuleFile, type RuleFolder, yamlFilesIn } from './rule-folder.js';
import { rememberDataFile, rememberRuleFile } from './rule-files.js';
import { checkProgrammeReferences } from './check-references.js';
import { completeVersion, resolveAmendment, type AmendmentDocument, type ResolvedVersion, type VersionDocument } from './amendments.js';
import type { LocalisedText } from '../language/localised-text.js';

export const PROGRAMME_FILE = 'programme.yaml';
export const CALENDAR_DIRECTORY = 'calendar';
export const EMERGENCIES_DIRECTORY = 'emergencies';
export const VERSIONS_DIRECTORY = 'versions';

export type LoadResult = { ok: true; ruleSet: RuleSet } | { ok: false; problems: RuleFileProblem[] };

/* The shapes below are what the JSON Schemas guarantee once a file has passed them. */
interface ProgrammeDocument {
  id: string;
  title: LocalisedText;
  description?: LocalisedText;
  noBasisBlocker: { ref: string; title: LocalisedText };
  facts: Record<string, Omit<DeclaredFact, 'name' | 'fixed'> & { fixed?: boolean }>;
  derivedFacts?: Record<
    string,
    { kind: DerivedFact['kind']; of: string; field?: string; type?: DeclaredFact['type']; keep?: 'absentOrBeforeDay' | 'onOrAfterDay'; title: LocalisedText }
  >;
}

function readYaml(
  file: string,
  displayName: string,
  kind: 'programme' | 'version',
  folder: RuleFolder,
): { yaml: YamlFile | null; problems: RuleFileProblem[] } {
  const read = readRuleFile(file, displayName, folder);
  if ('problems' in read) return { yaml: null, problems: read.problems };
  const parsed = parseYamlFile(displayName, read.text);
  if (!parsed.yaml) return parsed;
  const problems = validateRuleFile(kind, parsed.yaml);
  return problems.length > 0 ? { yaml: null, problems } : parsed;
}

function buildProgramme(document: ProgrammeDocument, yaml: YamlFile, directory: string): { programme: Programme; problems: RuleFileProblem[] } {
  const problems: RuleFileProblem[] = [];
  const facts = new Map<string, DeclaredFact>(Object.entries(document.facts).map(([name, fact]) => [name, { ...fact, name, fixed: fact.fixed ?? false }]));
  for (const name of [...Object.keys(document.facts), ...Object.keys(document.derivedFacts ?? {})]) {
    // Facts live in plain objects while rules run: a name of Object.prototype would shadow or be shadowed.
    if (name in Object.prototype)
      problems.push(
        problemAt(yaml, [Object.hasOwn(document.facts, name) ? 'facts' : 'derivedFacts', name], `"${name}" is reserved; choose another fact name`, true),
      );
  }
  const derivedFacts = new Map<string, DerivedFact>();
  for (const [name, derived] of Object.entries(document.derivedFacts ?? {})) {
    const path = ['derivedFacts', name];
    if (facts.has(name) || BUILT_IN_FACTS.has(name))
      problems.push(problemAt(yaml, path, `derived fact "${name}" has the name of a declared or built-in fact`, true));
    const source = facts.get(derived.of) ?? derivedFacts.get(derived.of);
    const sourceType = source?.type ?? BUILT_IN_FACTS.get(derived.of);
    if (sourceType === undefined) problems.push(problemAt(yaml, [...path, 'of'], `"${derived.of}" is not a declared fact (or a derived fact above this one)`));
    if (derived.kind === 'wholeYearsOn') {
      if (sourceType !== undefined && sourceType !== 'date')
        problems.push(problemAt(yaml, [...path, 'of'], `wholeYearsOn needs a date fact; "${derived.of}" is a ${sourceType}`));
      derivedFacts.set(name, { name, kind: 'wholeYearsOn', of: derived.of, title: derived.title, type: 'number' });
    } else if (derived.kind === 'itemsByDate') {
      if (sourceType !== undefined && sourceType !== 'list')
        problems.push(problemAt(yaml, [...path, 'of'], `itemsByDate needs a list fact; "${derived.of}" is a ${sourceType}`));
      derivedFacts.set(name, {
        name,
        kind: 'itemsByDate',
        of: derived.of,
        field: derived.field ?? '',
        keep: derived.keep ?? 'absentOrBeforeDay',
        title: derived.title,
        type: 'list',
      });
    } else {
      if (sourceType !== undefined && sourceType !== 'object')
        problems.push(problemAt(yaml, [...path, 'of'], `field needs an object fact; "${derived.of}" is a ${sourceType}`));
      derivedFacts.set(name, { name, kind: 'field', of: derived.of, field: derived.field ?? '', type: derived.type ?? 'string', title: derived.title });
    }
  }
  const programme: Programme = {
    id: document.id,
    title: document.title,
    noBasisBlocker: document.noBasisBlocker,
    facts,
    derivedFacts,
    versions: [],
    file: yaml.file,
    directory,
  };
  if (document.description) programme.description = document.description;
  return { programme, problems };
}

function buildVersion(programme: Programme, document: VersionDocument, yaml: YamlFile, sha256: string): RuleVersion {
  const parameters = new Map<string, Parameter>(
    Object.entries(document.parameters ?? {}).map(([name, parameter]) => [
      name,
      { ...parameter, name, value: parameter.value as ParameterValue, assumptions: parameter.assumptions ?? [] },
    ]),
  );
  return {
    programme: programme.id,
    version: document.version,
    title: document.title,
    effectiveFrom: document.effectiveFrom as CalendarDate,
    effectiveTo: (document.effectiveTo ?? null) as CalendarDate | null,
    adopted: document.adopted as CalendarDate,
    sources: document.sources,
    parameters,
    assumptions: document.assumptions ?? [],
    namedConditions: new Map(Object.entries(document.conditions ?? {})),
    rules: document.rules.map((rule) => ({ ...rule, assumptions: rule.assumptions ?? [] })),
    compensation: document.compensation
      ? ({
          ...document.compensation,
          lineRules: document.compensation.lineRules.map((rule) => ({ ...rule, assumptions: rule.assumptions ?? [] })),
        } as Compensation)
      : null,
    file: yaml.file,
    sha256,
    ...(document.extends === undefined ? {} : { extends: document.extends }),
  };
}

/** Versions whose days overlap: a version without effectiveTo yields to the next, one with it must end before. */
function checkVersionRanges(programme: Programme, files: Map<RuleVersion, YamlFile>): RuleFileProblem[] {
  const problems: RuleFileProblem[] = [];
  const seen = new Map<string, RuleVersion>();
  programme.versions.forEach((version, index) => {
    const yaml = files.get(version) as YamlFile;
    const twin = seen.get(version.version);
    if (twin) problems.push(problemAt(yaml, ['version'], `version "${version.version}" is also defined in ${twin.file}`));
    seen.set(version.version, version);
    const next = programme.versions[index + 1];
    if (!next) return;
    if (next.effectiveFrom === version.effectiveFrom) {
      problems.push(problemAt(files.get(next) as YamlFile, ['effectiveFrom'], `overlaps ${version.file}: both start on ${version.effectiveFrom}`));
    } else if (version.effectiveTo !== null && version.effectiveTo >= next.effectiveFrom) {
      problems.push(
        problemAt(yaml, ['effectiveTo'], `overlaps ${next.file}: this version runs to ${version.effectiveTo}, that one starts on ${next.effectiveFrom}`),
      );
    }
  });
  return problems;
}

export interface LoadOptions {
  /** File names in problems are shown relative to this folder (default: the working directory). */
  displayRoot?: string;
}

/** How problems name a file: relative to `displayRoot` (default: the working directory). */
export function displayNameOf(file: string, options: LoadOptions): string {
  return relative(options.displayRoot ?? process.cwd(), file) || file;
}

function loadProgramme(
  folder: RuleFolder,
  name: string,
  options: LoadOptions,
  dataFiles: DataFileNames,
): { programme: Programme | null; problems: RuleFileProblem[] } {
  const directory = join(folder.path, name);
  const display = (file: string): string => displayNameOf(file, options);
  const programmeFile = join(directory, PROGRAMME_FILE);
  const versionsDirectory = join(directory, VERSIONS_DIRECTORY);
  const listed = yamlFilesIn(versionsDirectory, display(versionsDirectory), folder);
  const versionFiles = listed.names;
  const { yaml, problems } = readYaml(programmeFile, display(programmeFile), 'programme', folder);
  problems.push(...listed.problems);
  if (!yaml) {
    // Without its facts the versions cannot be checked for meaning, but their own syntax and schema can.
    for (const file of versionFiles)
      problems.push(...readYaml(join(versionsDirectory, file), display(join(versionsDirectory, file)), 'version', folder).problems);
    return { programme: null, problems };
  }
  const document = yaml.data as ProgrammeDocument;
  const built = buildProgramme(document, yaml, directory);
  const programme = built.programme;
  rememberRuleFile(programme, yaml);
  problems.push(...built.problems);
  if (document.id !== name) problems.push(problemAt(yaml, ['id'], `id "${document.id}" must match its folder name "${name}"`));

  if (versionFiles.length === 0 && listed.problems.length === 0) problems.push(problemAt(yaml, [], `no version files in ${display(versionsDirectory)}`));
  const files = new Map<RuleVersion, YamlFile>();
  const read: YamlFile[] = [];
  for (const file of versionFiles) {
    const path = join(versionsDirectory, file);
    const loaded = readYaml(path, display(path), 'version', folder);
    problems.push(...loaded.problems);
    if (loaded.yaml) read.push(loaded.yaml);
  }
  const resolved = resolveVersions(read, problems);
  for (const yaml of read) {
    const resolution = resolved.get(yaml);
    if (!resolution) continue;
    // An amendment's problems are named where each part was written: in it, or in the version it extends.
    const located: YamlFile = resolution.files.length > 1 ? { ...yaml, redirect: resolution.locate } : yaml;
    const version = buildVersion(programme, resolution.document, located, resolution.sha256);
    problems.push(...checkVersion(programme, version, located, dataFiles));
    files.set(version, located);
    rememberRuleFile(version, located);
    programme.versions.push(version);
  }
  programme.versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  problems.push(...checkVersionRanges(programme, files));
  // A problem in a version that amendments extend is found again through each of them: name it once.
  const unique = new Map(problems.map((problem) => [`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`, problem]));
  return { programme, problems: [...unique.values()] };
}

/**
 * Each version file resolved to a complete version: a complete file as it is, an amendment against the version it
 * `extends` (itself resolved first). A missing or circular `extends` is a located problem, and that file has no version.
 */
function resolveVersions(read: readonly YamlFile[], problems: RuleFileProblem[]): Map<YamlFile, ResolvedVersion> {
  const byVersion = new Map<string, YamlFile>();
  for (const yaml of read) {
    const id = (yaml.data as VersionDocument).version;
    if (!byVersion.has(id)) byVersion.set(id, yaml);
  }
  const resolved = new Map<YamlFile, ResolvedVersion | null>();
  const resolve = (yaml: YamlFile, trail: readonly string[]): ResolvedVersion | null => {
    if (resolved.has(yaml)) return resolved.get(yaml) ?? null;
    const document = yaml.data as VersionDocument;
    if (document.extends === undefined) {
      const complete = completeVersion(document, yaml);
      resolved.set(yaml, complete);
      return complete;
    }
    const baseYaml = byVersion.get(document.extends);
    const here = [...trail, document.version];
    let result: ResolvedVersion | null = null;
    if (!baseYaml) {
      problems.push(
        problemAt(yaml, ['extends'], `no version "${document.extends}" in this programme to amend (versions: ${[...byVersion.keys()].join(', ')})`),
      );
    } else if (here.includes(document.extends)) {
      problems.push(problemAt(yaml, ['extends'], `amendments extend each other in a circle: ${[...here, document.extends].join(' → ')}`));
    } else {
      const base = resolve(baseYaml, here);
      if (base) {
        const amended = resolveAmendment(base, yaml.data as AmendmentDocument, yaml);
        problems.push(...amended.problems);
        result = amended.resolved;
      }
    }
    resolved.set(yaml, result);
    return result;
  };
  const complete = new Map<YamlFile, ResolvedVersion>();
  for (const yaml of read) {
    const resolution = resolve(yaml, []);
    if (resolution) complete.set(yaml, resolution);
  }
  return complete;
}

/**
 * Every <name>.yaml of a data folder beside the programmes (calendars, emergencies), built by `fromText`. Each text is
 * read once and remembered with what was built from it (rememberDataFile), for decision records to archive.
 */
function loadDataFiles<T extends object>(
  folder: RuleFolder,
  subfolder: string,
  options: LoadOptions,
  problems: RuleFileProblem[],
  fromText: (displayName: string, text: string) => { ok: true; value: T } | { ok: false; problems: RuleFileProblem[] },
): Map<string, T> {
  const loaded = new Map<string, T>();
  const directory = join(folder.path, subfolder);
  const listed = yamlFilesIn(directory, displayNameOf(directory, options), folder);
  problems.push(...listed.problems);
  for (const file of listed.names) {
    const path = join(directory, file);
    const displayName = displayNameOf(path, options);
    const read = readRuleFile(path, displayName, folder);
    if ('problems' in read) {
      problems.push(...read.problems);
      continue;
    }
    const text = read.text;
    const result = fromText(displayName, text);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    loaded.set(file.replace(/\.ya?ml$/, ''), result.value);
    rememberDataFile(result.value, { path: `${subfolder}/${file}`, text });
  }
  return loaded;
}

function loadCalendars(folder: RuleFolder, options: LoadOptions, problems: RuleFileProblem[]): Map<string, WorkingDayCalendar> {
  return loadDataFiles(folder, CALENDAR_DIRECTORY, options, problems, (displayName, text) => {
    const result = workingDayCalendarFromText(displayName, text);
    return result.ok ? { ok: true, value: result.calendar } : result;
  });
}

/**
 * The names of the folders under the rules folder that are programmes: those with a programme.yaml (of whatever kind:
 * reading it tells what is wrong with it) or with versions/ (a programme whose programme.yaml is missing: a located
 * problem, not a programme quietly gone). The folder itself unreadable is a located problem.
 */
function programmeFolders(folder: RuleFolder, options: LoadOptions, problems: RuleFileProblem[]): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder.realPath, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: displayNameOf(folder.path, options), line: 1, column: 1, message: `cannot list the folder: ${describeFileError(error)}` });
    return [];
  }
  const has = (path: string): boolean => {
    try {
      return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return false;
    }
  };
  const names: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const programmeFile = join(folder.path, entry.name, PROGRAMME_FILE);
    if (has(programmeFile)) names.push(entry.name);
    else if (has(join(folder.path, entry.name, VERSIONS_DIRECTORY)))
      problems.push({
        file: displayNameOf(programmeFile, options),
        line: 1,
        column: 1,
        message: `missing: a folder with ${VERSIONS_DIRECTORY}/ is a programme and needs its ${PROGRAMME_FILE}`,
      });
  }
  return names;
}

/**
 * Loads every programme under `rulesDirectory` (each folder with a programme.yaml) and reports every problem
 * in every file at once; a rule set is returned only when there are none.
 */
export function loadRuleSet(rulesDirectory: string, options: LoadOptions = {}): LoadResult {
  const folder = openRuleFolder(rulesDirectory);
  if (!folder) return { ok: false, problems: [{ file: rulesDirectory, line: 1, column: 1, message: 'rules directory not found' }] };
  const problems: RuleFileProblem[] = [];
  const programmes = new Map<string, Programme>();
  const calendars = loadCalendars(folder, options, problems);
  const emergencies = loadDataFiles(folder, EMERGENCIES_DIRECTORY, options, problems, emergencyPeriodsFromText);
  const folders = programmeFolders(folder, options, problems);
  for (const name of folders) {
    const loaded = loadProgramme(folder, name, options, { calendars: new Set(calendars.keys()), emergencies: new Set(emergencies.keys()) });
    problems.push(...loaded.problems);
    if (loaded.programme) programmes.set(loaded.programme.id, loaded.programme);
  }
  if (folders.length === 0) problems.push({ file: rulesDirectory, line: 1, column: 1, message: `no programme folders (a folder with ${PROGRAMME_FILE})` });
  if (problems.length === 0) problems.push(...checkProgrammeReferences(programmes));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, ruleSet: { programmes, calendars, emergencies, directory: rulesDirectory } };
}
