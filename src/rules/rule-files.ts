import type { Programme, RuleVersion } from './model.js';
import type { YamlFile } from './yaml-file.js';

/*
 * The parsed file each loaded programme and version came from, kept beside the model rather than in it: the
 * answers never need it, while tools that point at a line (static checks, case coverage) do.
 */
const files = new WeakMap<Programme | RuleVersion, YamlFile>();

export function rememberRuleFile(loaded: Programme | RuleVersion, yaml: YamlFile): void {
  files.set(loaded, yaml);
}

/** The file `loaded` was read from, with its positions; undefined for a model not built by loadRuleSet. */
export function ruleFileOf(loaded: Programme | RuleVersion): YamlFile | undefined {
  return files.get(loaded);
}

/** The text a data file beside the programmes (calendar/<name>.yaml, emergencies/<name>.yaml) was loaded from. */
export interface DataFileText {
  /** The file's path under the rules folder, e.g. "calendar/latvia.yaml". */
  path: string;
  text: string;
}

/*
 * Kept for decision records: an answer that used a calendar or emergency periods is replayed later with the very
 * text they were built from, which is read once, here at load time, so a later edit on disk cannot slip in.
 */
const dataFiles = new WeakMap<object, DataFileText>();

export function rememberDataFile(loaded: object, file: DataFileText): void {
  dataFiles.set(loaded, file);
}

/** The file a loaded calendar or list of emergency periods was read from; undefined if not built by loadRuleSet. */
export function dataFileOf(loaded: object): DataFileText | undefined {
  return dataFiles.get(loaded);
}
