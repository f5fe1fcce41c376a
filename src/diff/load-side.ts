import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadExampleCases } from '../cases/example-cases.js';
import { loadRuleSet, PROGRAMME_FILE, VERSIONS_DIRECTORY } from '../rules/load-rules.js';
import type { RuleFileProblem, RuleSet } from '../rules/model.js';
import { formatProblem } from '../rules/yaml-file.js';
import type { CaseToRun } from './case-impact.js';
import type { DiffScope } from './rule-set-diff.js';

/** What one side of a diff names: a single version file, one programme folder, or a whole rules folder. */
export type SideKind = 'version' | 'programme' | 'rules';

export interface RuleSide {
  label: string;
  kind: SideKind;
  ruleSet: RuleSet;
  /** The rules folder the side was loaded from (a copy when it was laid over another side); its example cases are read from it. */
  rulesDirectory: string;
  /** The programme a programme folder or version file names. */
  programme?: string;
  /** The version id a version file holds. */
  version?: string;
  /** The side's files were laid over this one (a draft holding only the files that change). */
  laidOver?: string;
  /** How a file of this side is named in messages: relative to the working directory, or `ref:path`. */
  display: (file: string) => string;
}

export type SideLoad = { ok: true; side: RuleSide } | { ok: false; problems: RuleFileProblem[] };

/** A side as files on disk: where it is, what it is called, and how its files are named in messages. */
export interface Place {
  label: string;
  path: string;
  display: (file: string) => string;
  /** A whole rule set as it stands (a git ref's rules folder, the working tree's with --base): never laid over another side. */
  whole?: boolean;
}

export interface SideOptions {
  label: string;
  /** Unused: a side that stands alone is loaded where it is. Kept for callers that pass one. */
  workDirectory?: string;
  /** How a file of this side is named in messages (default: relative to the working directory). */
  display?: (file: string) => string;
  cwd?: string;
}

/**
 * What a path holds. A folder with programme.yaml is a programme folder; one with versions/ or tests/ but no
 * programme.yaml holds a programme's changed files only; any other folder is a rules folder (or a draft of one:
 * then it names no programme.yaml). A version file is anchored when it sits in <programme>/versions/ beside
 * <programme>/programme.yaml.
 */
type Shape =
  | { kind: 'rules'; folder: string; programmes: string[] }
  | { kind: 'programme'; folder: string; name: string; anchored: boolean }
  | { kind: 'version'; file: string; programme: string | null; anchored: boolean };

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function programmesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, PROGRAMME_FILE)))
    .map((entry) => entry.name)
    .sort();
}

function shapeOf(path: string): Shape {
  if (!isFolder(path)) {
    const versions = dirname(path);
    const inVersions = basename(versions) === VERSIONS_DIRECTORY;
    return {
      kind: 'version',
      file: path,
      programme: inVersions ? basename(dirname(versions)) : null,
      anchored: inVersions && existsSync(join(dirname(versions), PROGRAMME_FILE)),
    };
  }
  if (existsSync(join(path, PROGRAMME_FILE))) return { kind: 'programme', folder: path, name: basename(path), anchored: true };
  if (isFolder(join(path, VERSIONS_DIRECTORY)) || isFolder(join(path, 'tests')))
    return { kind: 'programme', folder: path, name: basename(path), anchored: false };
  return { kind: 'rules', folder: path, programmes: programmesIn(path) };
}

export function sideKindOf(path: string): SideKind | null {
  return existsSync(path) ? shapeOf(path).kind : null;
}

/** A side that loads on its own: a rules folder with programmes, a programme folder, or a version file beside its programme.yaml. */
function standsAlone(shape: Shape): boolean {
  return shape.kind === 'rules' ? shape.programmes.length > 0 : shape.anchored;
}

/** The rules folder a side that stands alone is loaded from: itself, or the folder its programme sits in. */
function contextOf(shape: Shape): string {
  if (shape.kind === 'rules') return shape.folder;
  if (shape.kind === 'programme') return dirname(shape.folder);
  return dirname(dirname(dirname(shape.file)));
}

function programmeOf(shape: Shape): string | null {
  return shape.kind === 'programme' ? shape.name : shape.kind === 'version' ? shape.programme : null;
}

function problemAtFile(file: string, message: string): RuleFileProblem {
  return { file, line: 1, column: 1, message };
}

/** Loads a rules folder with the project's loader; problems and names of files are given as `display` names them. */
function loadFolder(folder: string, place: Place, shape: Shape, display: (file: string) => string, laidOver?: string): SideLoad {
  const loaded = loadRuleSet(folder, { displayRoot: folder });
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map((problem) => ({ ...problem, file: display(resolve(folder, problem.file)) })) };
  const side: RuleSide = { label: place.label, kind: shape.kind, ruleSet: loaded.ruleSet, rulesDirectory: folder, display };
  if (laidOver !== undefined) side.laidOver = laidOver;
  return { ok: true, side };
}

/** The programme and version a programme folder or version file names, found in the rule set loaded for it. */
function named(load: SideLoad, programme: string | null, versionFile: string | null): SideLoad {
  if (!load.ok || programme === null) return load;
  const side: RuleSide = { ...load.side, programme };
  if (versionFile !== null) {
    const version = side.ruleSet.programmes.get(programme)?.versions.find((candidate) => resolve(side.rulesDirectory, candidate.file) === versionFile);
    if (version) side.version = version.version;
  }
  return { ok: true, side };
}

function loadAlone(place: Place, shape: Shape): SideLoad {
  const folder = contextOf(shape);
  return named(loadFolder(folder, place, shape, place.display), programmeOf(shape), shape.kind === 'version' ? shape.file : null);
}

/** Copies every file under `from` to the same place under `to` (over what is there), remembering where each came from. */
function copyTree(from: string, to: string, display: (file: string) => string, origins: Map<string, string>): void {
  mkdirSync(to, { recursive: true });
  origins.set(to, display(from));
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, display, origins);
    else if (entry.isFile()) copyFile(source, target, display, origins);
  }
}

function copyFile(from: string, to: string, display: (file: string) => string, origins: Map<string, string>): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  origins.set(to, display(from));
}

/**
 * `draft`'s files laid over a copy of the rules folder `base`: a rules folder's or programme folder's files each
 * over the file of the same path (the others stay), a programme folder with programme.yaml in place of the
 * base's folder of that name, a version file into <programme>/versions/ (a loose one into `otherProgramme`'s).
 * Loaded from the copy; problems name the files where they came from.
 */
function layOver(base: Place, draft: Place, shape: Shape, otherProgramme: string | null, workDirectory: string, asDraft: boolean): SideLoad {
  const root = join(workDirectory, 'rules');
  rmSync(root, { recursive: true, force: true });
  const origins = new Map<string, string>();
  copyTree(base.path, root, base.display, origins);
  let programme: string | null = programmeOf(shape);
  let versionFile: string | null = null;
  if (shape.kind === 'rules') copyTree(shape.folder, root, draft.display, origins);
  else if (shape.kind === 'programme') {
    if (shape.anchored) rmSync(join(root, shape.name), { recursive: true, force: true });
    copyTree(shape.folder, join(root, shape.name), draft.display, origins);
  } else {
    programme ??= otherProgramme;
    if (programme === null) {
      return {
        ok: false,
        problems: [
          problemAtFile(
            draft.display(shape.file),
            `a version file outside <programme>/${VERSIONS_DIRECTORY}/ is read as a version of the other side's programme: compare it with a version file or a programme folder`,
          ),
        ],
      };
    }
    if (shape.anchored) copyFile(join(dirname(dirname(shape.file)), PROGRAMME_FILE), join(root, programme, PROGRAMME_FILE), draft.display, origins);
    else if (!existsSync(join(root, programme, PROGRAMME_FILE))) {
      return { ok: false, problems: [problemAtFile(draft.display(shape.file), `no programme "${programme}" in ${base.label} to lay this version file over`)] };
    }
    versionFile = join(root, programme, VERSIONS_DIRECTORY, basename(shape.file));
    copyFile(shape.file, versionFile, draft.display, origins);
  }
  const display = (file: string): string => origins.get(file) ?? base.display(file);
  return named(loadFolder(root, draft, shape, display, asDraft ? base.label : undefined), programme, versionFile);
}

/** The rules folder a side that stands alone loads from, as what a draft is laid over. */
function basePlace(place: Place, shape: Shape): Place {
  const path = contextOf(shape);
  return { label: shape.kind === 'rules' ? place.label : place.display(path), path, display: place.display };
}

/** A rules folder that names a programme.yaml for every programme of `base` stands for the whole rule set. */
function coversEveryProgramme(shape: Shape, base: string): boolean {
  return shape.kind === 'rules' && shape.programmes.length > 0 && programmesIn(base).every((name) => shape.programmes.includes(name));
}

function missing(place: Place): RuleFileProblem[] {
  return [problemAtFile(place.display(place.path), 'no such file or folder')];
}

/**
 * Loads one side that stands on its own, with the project's own loader: a rules folder as it is, a programme
 * folder or version file with the rules folder around it (its calendars, emergencies and the programmes it reads).
 */
export function loadSide(path: string, options: SideOptions): SideLoad {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const place: Place = { label: options.label, path: absolute, display: options.display ?? ((file: string) => relative(cwd, file) || file) };
  if (!existsSync(absolute)) return { ok: false, problems: missing(place) };
  const shape = shapeOf(absolute);
  if (!standsAlone(shape)) {
    const what =
      shape.kind === 'version'
        ? `a version file outside <programme>/${VERSIONS_DIRECTORY}/ beside <programme>/${PROGRAMME_FILE} is a draft: it is laid over the other side`
        : `no ${PROGRAMME_FILE} here: a draft, laid over the other side`;
    return { ok: false, problems: [problemAtFile(place.display(absolute), what)] };
  }
  return loadAlone(place, shape);
}

export interface PairOptions {
  /** A fresh folder the sides may copy files into. */
  workDirectory: string;
  /** What a draft is laid over when neither side stands alone (the --rules folder). */
  rules: Place | null;
}

/**
 * Loads both sides. The old side loads where it is (a programme folder or version file with the rules folder
 * around it). The new side loads where it is when it is a rules folder with every programme of the old side's
 * rules; otherwise it is laid over the old side's rules folder: a programme folder in place of the old one, a
 * version file into its programme's versions/, a draft folder file by file. So a draft holds only the files that
 * change, and everything else is as on the old side. An old side that is a draft is laid over the new side's
 * rules folder, or over `rules` when neither stands alone.
 */
export function loadSidePair(old: Place, now: Place, options: PairOptions): { old: SideLoad; new: SideLoad } {
  if (!existsSync(old.path) || !existsSync(now.path)) {
    // Neither side is loaded without the other: only the missing one has a problem to show.
    return { old: { ok: false, problems: existsSync(old.path) ? [] : missing(old) }, new: { ok: false, problems: existsSync(now.path) ? [] : missing(now) } };
  }
  const oldShape = shapeOf(old.path);
  const newShape = shapeOf(now.path);
  const oldWork = join(options.workDirectory, 'old');
  const newWork = join(options.workDirectory, 'new');
  if (standsAlone(oldShape)) {
    const base = basePlace(old, oldShape);
    const oldLoad = loadAlone(old, oldShape);
    if ((now.whole === true && newShape.kind === 'rules') || coversEveryProgramme(newShape, base.path)) return { old: oldLoad, new: loadAlone(now, newShape) };
    return { old: oldLoad, new: layOver(base, now, newShape, programmeOf(oldShape), newWork, newShape.kind === 'rules' || !standsAlone(newShape)) };
  }
  const base: Place | null = standsAlone(newShape) ? basePlace(now, newShape) : options.rules;
  if (base === null) {
    const problem = problemAtFile(old.display(old.path), `no ${PROGRAMME_FILE} here and none in the other side: nothing to lay this draft over`);
    return { old: { ok: false, problems: [problem] }, new: { ok: false, problems: [problem] } };
  }
  const oldLoad = layOver(base, old, oldShape, programmeOf(newShape), oldWork, true);
  const newLoad = standsAlone(newShape) ? loadAlone(now, newShape) : layOver(base, now, newShape, programmeOf(oldShape), newWork, true);
  return { old: oldLoad, new: newLoad };
}

/**
 * What the report is about: every programme and data file when a side is a rules folder; else the programmes the
 * two sides name, and for two version files of one programme the two versions they hold.
 */
export function sidesScope(old: RuleSide, now: RuleSide): DiffScope {
  if (old.kind === 'rules' || now.kind === 'rules') return {};
  const programmes = [...new Set([old.programme, now.programme].filter((name): name is string => name !== undefined))];
  const scope: DiffScope = { programmes };
  if (old.kind === 'version' && now.kind === 'version' && programmes.length === 1 && old.version !== undefined && now.version !== undefined)
    scope.versions = { old: old.version, new: now.version };
  return scope;
}

/** A side's label as a report shows it: a draft says what it was laid over. */
export function sideLabel(side: RuleSide): string {
  return side.laidOver === undefined ? side.label : `${side.label} laid over ${side.laidOver}`;
}

/**
 * The side's example cases (of `programmes`, or all), each named by where it is written relative to its rules
 * folder, and the case files' problems.
 */
export function sideCases(side: RuleSide, programmes?: readonly string[]): { cases: CaseToRun[]; problems: string[] } {
  const { rulesDirectory } = side;
  const wanted = programmes ? programmes.filter((programme) => existsSync(join(rulesDirectory, programme))) : [undefined];
  const cases: CaseToRun[] = [];
  const problems: string[] = [];
  for (const programme of wanted) {
    const loaded = loadExampleCases(rulesDirectory, programme);
    for (const exampleCase of loaded.cases) {
      cases.push({
        origin: 'example',
        name: exampleCase.name,
        where: `${relative(rulesDirectory, resolve(exampleCase.position.file))}:${exampleCase.position.line}`,
        exampleCase,
      });
    }
    problems.push(...loaded.problems.map((problem) => formatProblem({ ...problem, file: side.display(resolve(problem.file)) })));
  }
  return { cases, problems };
}
