import { cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { loadExampleCases } from '../cases/example-cases.js';
import { CALENDAR_DIRECTORY, loadRuleSet, PROGRAMME_FILE, VERSIONS_DIRECTORY } from '../rules/load-rules.js';
import type { RuleFileProblem, RuleSet } from '../rules/model.js';
import { formatProblem } from '../rules/yaml-file.js';
import type { CaseToRun } from './case-impact.js';

/** What one side of a diff is: a single version file, one programme folder, or a whole rules folder. */
export type SideKind = 'version' | 'programme' | 'rules';

export interface RuleSide {
  label: string;
  kind: SideKind;
  ruleSet: RuleSet;
  /** The rules folder the side's example cases are read from, and the programme when the side is one. */
  casesFrom: { rulesDirectory: string; programme?: string };
  /** How a file of this side is named in messages: relative to the working directory, or `ref:path`. */
  display: (file: string) => string;
}

export type SideLoad = { ok: true; side: RuleSide } | { ok: false; problems: RuleFileProblem[] };

export interface SideOptions {
  label: string;
  /** A fresh folder this side may copy files into (a version or programme is loaded from a rules folder of its own). */
  workDirectory: string;
  /** How a file of this side is named in messages (default: relative to the working directory). */
  display?: (file: string) => string;
  cwd?: string;
}

export function sideKindOf(path: string): SideKind | null {
  if (!existsSync(path)) return null;
  if (statSync(path).isFile()) return 'version';
  return existsSync(join(path, PROGRAMME_FILE)) ? 'programme' : 'rules';
}

function problemAtFile(file: string, message: string): RuleFileProblem {
  return { file, line: 1, column: 1, message };
}

/** A rules folder holding only `programmeFolder` (all of it, or one version file) and the calendars beside it. */
function isolate(programmeFolder: string, versionFile: string | null, into: string): void {
  const name = basename(programmeFolder);
  const rulesDirectory = dirname(programmeFolder);
  mkdirSync(into, { recursive: true });
  if (versionFile === null) cpSync(programmeFolder, join(into, name), { recursive: true });
  else {
    mkdirSync(join(into, name, VERSIONS_DIRECTORY), { recursive: true });
    cpSync(join(programmeFolder, PROGRAMME_FILE), join(into, name, PROGRAMME_FILE));
    cpSync(versionFile, join(into, name, VERSIONS_DIRECTORY, basename(versionFile)));
  }
  const calendars = join(rulesDirectory, CALENDAR_DIRECTORY);
  if (existsSync(calendars)) cpSync(calendars, join(into, CALENDAR_DIRECTORY), { recursive: true });
}

/**
 * Loads one side with the project's own loader. A version file or a programme folder is copied, with its
 * programme.yaml and the calendars, into a rules folder of its own; its problems still name the original files.
 */
export function loadSide(path: string, options: SideOptions): SideLoad {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const display = options.display ?? ((file: string) => relative(cwd, file) || file);
  const kind = sideKindOf(absolute);
  if (kind === null) return { ok: false, problems: [problemAtFile(display(absolute), 'no such file or folder')] };
  if (kind === 'rules') {
    const loaded = loadRuleSet(absolute, { displayRoot: cwd });
    if (!loaded.ok) return { ok: false, problems: loaded.problems.map((problem) => ({ ...problem, file: display(resolve(cwd, problem.file)) })) };
    return { ok: true, side: { label: options.label, kind, ruleSet: loaded.ruleSet, casesFrom: { rulesDirectory: absolute }, display } };
  }
  const programmeFolder = kind === 'programme' ? absolute : dirname(dirname(absolute));
  if (kind === 'version' && (basename(dirname(absolute)) !== VERSIONS_DIRECTORY || !existsSync(join(programmeFolder, PROGRAMME_FILE)))) {
    return { ok: false, problems: [problemAtFile(display(absolute), `a version file must sit in <programme>/${VERSIONS_DIRECTORY}/, beside <programme>/${PROGRAMME_FILE}`)] };
  }
  const isolated = join(options.workDirectory, 'rules');
  isolate(programmeFolder, kind === 'version' ? absolute : null, isolated);
  const originalRules = dirname(programmeFolder);
  const loaded = loadRuleSet(isolated, { displayRoot: isolated });
  if (!loaded.ok) {
    const original = (file: string): string => display(isAbsolute(file) ? (file === isolated ? originalRules : file) : join(originalRules, file));
    return { ok: false, problems: loaded.problems.map((problem) => ({ ...problem, file: original(problem.file) })) };
  }
  return { ok: true, side: { label: options.label, kind, ruleSet: loaded.ruleSet, casesFrom: { rulesDirectory: originalRules, programme: basename(programmeFolder) }, display } };
}

/** The side's example cases, each named by where it is written relative to its rules folder, and the case files' problems. */
export function sideCases(side: RuleSide): { cases: CaseToRun[]; problems: string[] } {
  const { rulesDirectory, programme } = side.casesFrom;
  if (programme !== undefined && !existsSync(join(rulesDirectory, programme))) return { cases: [], problems: [] };
  const loaded = loadExampleCases(rulesDirectory, programme);
  const cases: CaseToRun[] = loaded.cases.map((exampleCase) => ({
    origin: 'example',
    name: exampleCase.name,
    where: `${relative(rulesDirectory, resolve(exampleCase.position.file))}:${exampleCase.position.line}`,
    exampleCase,
  }));
  const problems = loaded.problems.map((problem) => formatProblem({ ...problem, file: side.display(resolve(problem.file)) }));
  return { cases, problems };
}
