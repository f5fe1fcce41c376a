import { createHash } from 'node:crypto';
import type { Assumption, Compensation, Parameter, Rule, RuleFileProblem, Source, TopLevelCondition } from './model.js';
import { problemAt, type JsonPath, type YamlFile } from './yaml-file.js';
import type { LocalisedText } from '../language/localised-text.js';

type RuleEntry = Omit<Rule, 'assumptions'> & { assumptions?: string[] };
type ParameterEntry = Partial<Omit<Parameter, 'name' | 'assumptions'>> & { assumptions?: string[] };

/** A version file as the schema guarantees it: a complete version, or an amendment that `extends` another. */
export interface VersionDocument {
  version: string;
  extends?: string;
  title: LocalisedText;
  effectiveFrom: string;
  effectiveTo?: string | null;
  adopted: string;
  sources: Source[];
  parameters?: Record<string, Omit<Parameter, 'name' | 'assumptions'> & { assumptions?: string[] }>;
  assumptions?: Assumption[];
  conditions?: Record<string, TopLevelCondition>;
  rules: RuleEntry[];
  compensation?: Compensation & { lineRules: RuleEntry[] };
}

/** What an amendment file may state: its own dates and title, and only what the amending act changes. */
export interface AmendmentDocument {
  version: string;
  extends: string;
  title: LocalisedText;
  effectiveFrom: string;
  effectiveTo?: string | null;
  adopted: string;
  sources?: Source[];
  parameters?: Record<string, ParameterEntry>;
  assumptions?: Assumption[];
  conditions?: Record<string, TopLevelCondition>;
  rules?: RuleEntry[];
  compensation?: Compensation & { lineRules: RuleEntry[] };
  remove?: { parameters?: string[]; sources?: string[]; assumptions?: string[]; conditions?: string[]; rules?: string[] };
}

/** Where a part of a resolved version was written: a file and the path in it. */
export interface Origin {
  yaml: YamlFile;
  path: JsonPath;
}

/** A complete version document and, for any path in it, the file and path it was written at. */
export interface ResolvedVersion {
  document: VersionDocument;
  locate: (path: JsonPath) => Origin;
  /** sha256 over every file the version is made of, base first. */
  sha256: string;
  /** The version files it is made of, the amended version's first. */
  files: YamlFile[];
}

/** A complete version file is its own resolution. */
export function completeVersion(document: VersionDocument, yaml: YamlFile): ResolvedVersion {
  return { document, locate: (path) => ({ yaml, path }), sha256: yaml.sha256, files: [yaml] };
}

/** Items merged by id: the base's in order, an own item replacing the base's of the same id in place, new ones last. */
function mergeById<T extends { id: string }>(
  section: string,
  base: readonly T[],
  own: readonly T[] | undefined,
  removed: readonly string[] | undefined,
  context: { base: ResolvedVersion; yaml: YamlFile; problems: RuleFileProblem[] },
): { items: T[]; origins: Origin[] } {
  const items: T[] = [];
  const origins: Origin[] = [];
  (removed ?? []).forEach((id, index) => {
    if (!base.some((item) => item.id === id))
      context.problems.push(
        problemAt(context.yaml, ['remove', section, index], `${id} is not in version ${context.base.document.version}'s ${section}, so it cannot be removed`),
      );
  });
  base.forEach((item, index) => {
    if (removed?.includes(item.id)) return;
    const ownIndex = (own ?? []).findIndex((candidate) => candidate.id === item.id);
    if (ownIndex >= 0) {
      items.push((own as T[])[ownIndex] as T);
      origins.push({ yaml: context.yaml, path: [section, ownIndex] });
    } else {
      items.push(item);
      origins.push(context.base.locate([section, index]));
    }
  });
  (own ?? []).forEach((item, index) => {
    if (removed?.includes(item.id)) context.problems.push(problemAt(context.yaml, [section, index, 'id'], `${item.id} is both given and removed`));
    if (base.some((candidate) => candidate.id === item.id)) return;
    items.push(item);
    origins.push({ yaml: context.yaml, path: [section, index] });
  });
  return { items, origins };
}

/** Entries merged by name: own entries replace (or, for parameters, amend) the base's; removed ones go. */
function mergeByName<T>(
  section: 'parameters' | 'conditions',
  base: Readonly<Record<string, T>>,
  own: Readonly<Record<string, Partial<T>>> | undefined,
  removed: readonly string[] | undefined,
  amend: (base: T, own: Partial<T>) => T,
  context: { base: ResolvedVersion; yaml: YamlFile; problems: RuleFileProblem[] },
): Record<string, T> {
  const merged: Record<string, T> = {};
  (removed ?? []).forEach((name, index) => {
    if (!Object.hasOwn(base, name))
      context.problems.push(
        problemAt(context.yaml, ['remove', section, index], `${name} is not in version ${context.base.document.version}'s ${section}, so it cannot be removed`),
      );
  });
  for (const [name, entry] of Object.entries(base)) if (!removed?.includes(name)) merged[name] = entry;
  for (const [name, entry] of Object.entries(own ?? {})) {
    if (removed?.includes(name)) context.problems.push(problemAt(context.yaml, [section, name], `${name} is both given and removed`, true));
    merged[name] = Object.hasOwn(base, name) ? amend(base[name] as T, entry) : (entry as T);
  }
  return merged;
}

const NEW_PARAMETER_FIELDS = ['type', 'title'] as const;

/**
 * An amendment resolved against the version it extends: a complete version document, each part located in the file
 * that wrote it, so every later check names the right file, line and column.
 */
export function resolveAmendment(
  base: ResolvedVersion,
  amendment: AmendmentDocument,
  yaml: YamlFile,
): { resolved: ResolvedVersion; problems: RuleFileProblem[] } {
  const problems: RuleFileProblem[] = [];
  const context = { base, yaml, problems };
  const remove = amendment.remove ?? {};
  const baseDocument = base.document;
  if (baseDocument.effectiveFrom >= amendment.effectiveFrom) {
    problems.push(
      problemAt(
        yaml,
        ['extends'],
        `extends version ${baseDocument.version}, which starts on ${baseDocument.effectiveFrom}: an amendment starts after the version it amends`,
      ),
    );
  }

  const sources = mergeById('sources', baseDocument.sources, amendment.sources, remove.sources, context);
  const assumptions = mergeById('assumptions', baseDocument.assumptions ?? [], amendment.assumptions, remove.assumptions, context);
  const rules = mergeById('rules', baseDocument.rules, amendment.rules, remove.rules, context);
  for (const [name, entry] of Object.entries(amendment.parameters ?? {})) {
    if (Object.hasOwn(baseDocument.parameters ?? {}, name)) continue;
    const missing = NEW_PARAMETER_FIELDS.filter((field) => entry[field] === undefined);
    if (missing.length > 0)
      problems.push(
        problemAt(
          yaml,
          ['parameters', name],
          `${name} is a new parameter (not in version ${baseDocument.version}): give its ${missing.join(' and ')} too`,
          true,
        ),
      );
  }
  const parameters = mergeByName(
    'parameters',
    baseDocument.parameters ?? {},
    amendment.parameters,
    remove.parameters,
    (old, changed) => ({ ...old, ...changed }),
    context,
  ) as VersionDocument['parameters'];
  const conditions = mergeByName(
    'conditions',
    baseDocument.conditions ?? {},
    amendment.conditions,
    remove.conditions,
    (_old, changed) => changed as TopLevelCondition,
    context,
  );

  const document: VersionDocument = {
    version: amendment.version,
    extends: amendment.extends,
    title: amendment.title,
    effectiveFrom: amendment.effectiveFrom,
    ...(amendment.effectiveTo === undefined ? {} : { effectiveTo: amendment.effectiveTo }),
    adopted: amendment.adopted,
    sources: sources.items,
    parameters,
    assumptions: assumptions.items,
    conditions,
    rules: rules.items,
    ...((amendment.compensation ?? baseDocument.compensation) ? { compensation: amendment.compensation ?? baseDocument.compensation } : {}),
  };
  const own = (path: JsonPath): Origin => ({ yaml, path });
  const byIndex = (origins: readonly Origin[], path: JsonPath): Origin => {
    const origin = origins[Number(path[1])];
    return origin ? { yaml: origin.yaml, path: [...origin.path, ...path.slice(2)] } : own(path);
  };
  const locate = (path: JsonPath): Origin => {
    const [section, key, field] = path;
    switch (section) {
      case 'sources':
        return path.length > 1 ? byIndex(sources.origins, path) : own(path);
      case 'assumptions':
        return path.length > 1 ? byIndex(assumptions.origins, path) : own(path);
      case 'rules':
        return path.length > 1 ? byIndex(rules.origins, path) : own(path);
      case 'parameters':
      case 'conditions': {
        const written = key === undefined ? undefined : (amendment[section] as Record<string, Record<string, unknown>> | undefined)?.[String(key)];
        if (key === undefined || written === undefined) return key === undefined ? own(path) : base.locate(path);
        // A parameter the amendment changes in part: the fields it gives are its, the rest the base's.
        if (
          section === 'parameters' &&
          field !== undefined &&
          !Object.hasOwn(written, String(field)) &&
          Object.hasOwn(baseDocument.parameters ?? {}, String(key))
        )
          return base.locate(path);
        return own(path);
      }
      case 'compensation':
        return amendment.compensation ? own(path) : base.locate(path);
      default:
        return own(path);
    }
  };
  const sha256 = createHash('sha256').update(`${base.sha256}\n${yaml.sha256}`).digest('hex');
  return { resolved: { document, locate, sha256, files: [...base.files, yaml] }, problems };
}
