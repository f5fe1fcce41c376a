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
