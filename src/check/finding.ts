import type { Programme, RuleFileProblem, RuleVersion } from '../rules/model.js';
import { ruleFileOf } from '../rules/rule-files.js';
import { positionOf, type JsonPath } from '../rules/yaml-file.js';

/**
 * error: the rules say something that cannot be meant (a condition that never holds, a citation with no
 * section); `validate` exits 1. warning: something an officer should look at but may have meant (a gap between
 * versions, an unused parameter, a version no example case reaches); exit 1 only with --strict.
 */
export type Severity = 'error' | 'warning';

/** What a static check found, at a place in a rule file. */
export interface Finding extends RuleFileProblem {
  severity: Severity;
  /** Which check found it: gap, impossible, unused, citation, untested. */
  check: string;
}

/** A finding at `path` in the file `loaded` came from (line 1 when the model was not read from a file). */
export function findingAt(loaded: Programme | RuleVersion, path: JsonPath, severity: Severity, check: string, message: string, atKey = false): Finding {
  const yaml = ruleFileOf(loaded);
  const position = yaml ? positionOf(yaml, path, atKey) : { file: loaded.file, line: 1, column: 1 };
  return { ...position, severity, check, message };
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message}`;
}
