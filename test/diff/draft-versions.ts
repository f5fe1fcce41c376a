import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, parseDocument, Scalar, type Document } from 'yaml';
import { PROGRAMME_FILE } from '../../src/rules/load-rules.js';
import type { ParameterValue, RuleVersion } from '../../src/rules/model.js';
import { ruleSetAt } from '../support/rule-sets.js';

/**
 * FICTIONAL drafts built from whatever a rules folder holds, so the tests assert structure (what was edited comes
 * back old → new) and never today's figures or version lists.
 */

/** The programme folders of a rules folder (each folder with a programme.yaml), sorted. */
export function programmeFolders(rulesDirectory: string): string[] {
  return readdirSync(rulesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(rulesDirectory, entry.name, PROGRAMME_FILE)))
    .map((entry) => entry.name)
    .sort();
}

/** The programme's versions in date order. */
export function versionsOf(rulesDirectory: string, programme: string): RuleVersion[] {
  const found = ruleSetAt(rulesDirectory).programmes.get(programme);
  if (!found) throw new Error(`no programme ${programme} in ${rulesDirectory}`);
  return found.versions;
}

/** Where a loaded version's file is (the loader names it relative to the working directory). */
export function versionPath(version: RuleVersion): string {
  return resolve(process.cwd(), version.file);
}

function quoted(document: Document, value: string): Scalar {
  const scalar = document.createNode(value) as Scalar;
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

export interface AddedVersion {
  programme: string;
  /** The version file's path relative to a rules folder: `<programme>/versions/<id>.yaml`. */
  file: string;
  text: string;
  id: string;
  from: string;
  /** The version it follows: the programme's last one. */
  previous: string;
  parameter: { name: string; old: ParameterValue; new: ParameterValue };
}

function raised(value: unknown, type: string): ParameterValue {
  if (type === 'number') return (value as number) + 1;
  return (Number(value) + 1).toFixed(String(value).split('.')[1]?.length ?? 0);
}

/**
 * A FICTIONAL new version of `programme`: its last version copied, starting on 1 January two years after every
 * date its versions name, with its first number or money parameter one higher.
 */
export function addedVersion(rulesDirectory: string, programme: string): AddedVersion {
  const versions = versionsOf(rulesDirectory, programme);
  const last = versions.at(-1) as RuleVersion;
  const lastYear = Math.max(
    ...versions.flatMap((version) => [version.effectiveFrom, version.effectiveTo ?? version.effectiveFrom].map((date) => Number(date.slice(0, 4)))),
  );
  const from = `${lastYear + 2}-01-01`;
  const id = `${from}-fictional`;
  // The last version may be an amendment (a small file that extends another): the draft is then one too.
  if (last.extends !== undefined) return addedAmendment(programme, last, id, from);
  const document = parseDocument(readFileSync(versionPath(last), 'utf8'));
  document.set('version', quoted(document, id));
  document.set('effectiveFrom', quoted(document, from));
  document.set('adopted', quoted(document, from));
  document.delete('effectiveTo');
  const parameters = document.get('parameters');
  if (!isMap(parameters)) throw new Error(`${last.file}: no parameters to edit`);
  for (const item of parameters.items) {
    const name = isScalar(item.key) ? String(item.key.value) : '';
    const parameter = item.value;
    if (!isMap(parameter)) continue;
    const type = String(parameter.get('type'));
    if (type !== 'number' && type !== 'money') continue;
    const old = parameter.get('value') as ParameterValue;
    const now = raised(old, type);
    parameter.set('value', typeof now === 'string' ? quoted(document, now) : now);
    return {
      programme,
      file: `${programme}/versions/${id}.yaml`,
      text: document.toString(),
      id,
      from,
      previous: last.version,
      parameter: { name, old, new: now },
    };
  }
  throw new Error(`${last.file}: no number or money parameter to edit`);
}

/** A FICTIONAL amendment of `last` (itself an amendment) from `from`: its first number or money parameter one higher. */
function addedAmendment(programme: string, last: RuleVersion, id: string, from: string): AddedVersion {
  const parameter = [...last.parameters.values()].find((candidate) => candidate.type === 'number' || candidate.type === 'money');
  if (!parameter) throw new Error(`${last.file}: no number or money parameter to edit`);
  const now = raised(parameter.value, parameter.type);
  const text = [
    `version: "${id}"`,
    `extends: "${last.version}"`,
    'title: { lv: Izdomāti grozījumi, en: A fictional amendment }',
    `effectiveFrom: "${from}"`,
    `adopted: "${from}"`,
    'parameters:',
    `  ${parameter.name}:`,
    `    value: ${JSON.stringify(now)}`,
    `    source: ${JSON.stringify(parameter.source)}`,
    '',
  ].join('\n');
  return {
    programme,
    file: `${programme}/versions/${id}.yaml`,
    text,
    id,
    from,
    previous: last.version,
    parameter: { name: parameter.name, old: parameter.value, new: now },
  };
}

export function writeFile(root: string, file: string, text: string): string {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}
