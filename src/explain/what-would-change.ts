import type { CalendarDate } from '../calendar/calendar-date.js';
import { nodeHolds, type Evaluation, type ExplanationPlan, type PlanNode } from '../evaluate/explanation-plan.js';
import { outcomeOf } from '../evaluate/day-result.js';
import type { FactInput } from '../evaluate/facts.js';
import type { LocalisedText } from '../language/localised-text.js';
import type { Programme } from '../rules/model.js';
import { constraintOf, evaluatedDay, readingOf, valueAt, type ChangeTarget, type Constraint, type FactReading } from './change-targets.js';
import { optionWords } from './change-words.js';
import { ALWAYS, both, either, leafOf, literal, NEVER, termsOfNodes, type Term, type Terms } from './condition-terms.js';
import { needsOf, type BlockerChanges, type ChangeOption, type FactChange } from './fact-change.js';
import { listChanges } from './list-changes.js';
import { ANY_VALUE, includes, intersect, isEmpty, noneOf } from './value-set.js';

/**
 * What would lift each blocker of a day's answer, derived from the rules as data: the conditions that failed (or
 * held, for an exclusion), and what they compare their facts with. For each blocker, the smallest sets of facts to
 * change — each change where in the request, what it is now, what it would need — that lift it without bringing
 * another blocker (so an answer blocked by that alone becomes eligible); facts declared `fixed` are never changed.
 *
 * Two steps. First, which facts: the fewest failing leaf conditions to turn (never one on a fixed fact) for the
 * blocker's rule to come out as wanted — for "T", for some basis rule to hold. Then, for each such set of facts, what
 * they would need: every condition of every rule that reads them, read as the ways it can come out — the blocker's
 * rule as wanted, each rule that does not block now as it is, and some basis still met — with every other fact as
 * it is. Each way is one option, its conditions on each fact put together (and dropped when they cannot all be met).
 */
type LeafNode = Extract<PlanNode, { kind: 'leaf' }>;

/** A leaf condition as the search reads it: where its fact comes from, and what it is compared with. */
interface LeafReading {
  node: LeafNode;
  reading: FactReading | null;
  /** A fact compared with that could change (not the evaluated day): such a leaf is left as it is. */
  comparedWithChangeable: ChangeTarget | null;
}

/** What the search reads of a plan whatever the facts: worked out once per plan. */
interface PlanReadings {
  leaves: ReadonlyMap<number, LeafReading>;
  /** For each node, the targets the leaves under it read (the fact it compares with too). */
  reads: ReadonlyArray<ReadonlySet<string>>;
  /** The targets some leaf compares its fact with. */
  comparedWith: readonly string[];
  titles: ReadonlyMap<string, LocalisedText>;
}

interface Goal {
  root: number;
  want: boolean;
  basis?: string;
}

const MAX_OPTIONS = 6;

class OptionSearch {
  readonly #plan: ExplanationPlan;
  readonly #day: CalendarDate;
  readonly #readings: PlanReadings;
  readonly #changingIn: (target: ChangeTarget) => boolean;
  readonly #turnables = new Map<number, boolean>();
  readonly #termsFor = new Map<string, (index: number, want: boolean) => Terms>();
  readonly #values = new Map<string, { present: boolean; value: unknown }>();

  constructor(
    readonly programme: Programme,
    readonly evaluation: Evaluation,
    readonly input: FactInput,
  ) {
    this.#plan = evaluation.plan;
    this.#day = evaluatedDay(evaluation.facts);
    this.#readings = planReadings(programme, this.#plan);
    // A field of an object that is missing now is set with the object's other fields, or not at all.
    this.#changingIn = (target) => target.parent !== null && !this.#isThere(target.parent.path);
  }

  #valueAt(path: string): { present: boolean; value: unknown } {
    let known = this.#values.get(path);
    if (known === undefined) {
      known = valueAt(this.input, path);
      this.#values.set(path, known);
    }
    return known;
  }

  #isThere(path: string): boolean {
    const at = this.#valueAt(path);
    return at.present && at.value !== null;
  }

  #holds(index: number): boolean {
    return nodeHolds(this.evaluation, index);
  }

  #leaf(index: number): LeafReading {
    return this.#readings.leaves.get(index) as LeafReading;
  }

  #constraint(literalOf: number): Constraint | null {
    const { leaf, want } = leafOf(literalOf);
    const { node, reading } = this.#leaf(leaf);
    const compared = node.otherFact === null ? node.value : this.evaluation.facts[node.otherFact];
    return reading === null ? null : constraintOf(reading, node.operator, compared, want, this.#day);
  }

  /** Whether a failing leaf may be turned: its fact can change, and what it must become can be said. */
  #turnable(index: number, want: boolean): boolean {
    const key = literal(index, want);
    let turnable = this.#turnables.get(key);
    if (turnable === undefined) {
      const { reading, comparedWithChangeable } = this.#leaf(index);
      turnable = reading !== null && !reading.target.fixed && comparedWithChangeable === null && this.#constraint(key) !== null;
      this.#turnables.set(key, turnable);
    }
    return turnable;
  }

  /** The targets a term changes, with every field of an object that is missing now when one of them is. */
  #targetsOf(term: Term): string[] {
    const paths = new Set<string>();
    for (const item of term) {
      const target = this.#leaf(leafOf(item).leaf).reading?.target;
      if (!target) continue;
      paths.add(target.path);
      if (target.parent && this.#changingIn(target)) for (const sibling of this.#siblings(target)) paths.add(sibling.path);
    }
    return [...paths].sort();
  }

  #siblings(target: ChangeTarget): ChangeTarget[] {
    return siblingsOf(this.programme, target);
  }

  /** Step one: the smallest sets of targets whose failing leaves, turned, would make `goal` come out as wanted. */
  #targetSets(goal: Goal): string[][] {
    const turns = termsOfNodes(
      this.#plan.nodes,
      (index, want) => (this.#holds(index) === want ? ALWAYS : this.#turnable(index, want) ? [[literal(index, want)]] : NEVER),
      (index, want) => (this.#holds(index) === want ? ALWAYS : undefined),
    )(goal.root, goal.want);
    const sets = new Map(turns.map((term) => this.#targetsOf(term)).map((paths) => [paths.join(' '), paths]));
    const sorted = [...sets.values()].sort((a, b) => a.length - b.length);
    return sorted.filter((paths, index) => !sorted.slice(0, index).some((smaller) => smaller.every((path) => paths.includes(path))));
  }

  /** Step two: every way, changing only `targets`, to make `goal` come out as wanted and keep what holds. */
  #ways(goal: Goal, keeps: readonly Goal[], keepBasis: boolean, targets: readonly string[]): Terms {
    // A leaf that compares with a fact that changes here would change with it: no option is said for such targets.
    if (this.#readings.comparedWith.some((path) => targets.includes(path))) return NEVER;
    const terms = this.#termsChanging(targets);
    let ways = terms(goal.root, goal.want);
    for (const keep of keeps) ways = both(ways, terms(keep.root, keep.want));
    if (keepBasis) {
      const bases = this.#plan.rules.filter(({ rule }) => rule.kind === 'basis');
      ways = both(
        ways,
        bases.reduce<Terms>((any, { root }) => either(any, terms(root, true)), NEVER),
      );
    }
    return ways;
  }

  /** The ways of any node with only `targets` changing: a subtree that reads none of them stays as it is. */
  #termsChanging(targets: readonly string[]): (index: number, want: boolean) => Terms {
    const key = targets.join(' ');
    let terms = this.#termsFor.get(key);
    if (terms === undefined) {
      const free = (index: number): boolean => {
        const target = this.#leaf(index).reading?.target;
        return target !== undefined && !target.fixed && targets.includes(target.path);
      };
      const { reads } = this.#readings;
      terms = termsOfNodes(
        this.#plan.nodes,
        (index, want) => (free(index) ? [[literal(index, want)]] : this.#holds(index) === want ? ALWAYS : NEVER),
        (index, want) => (targets.some((path) => (reads[index] as ReadonlySet<string>).has(path)) ? undefined : this.#holds(index) === want ? ALWAYS : NEVER),
      );
      this.#termsFor.set(key, terms);
    }
    return terms;
  }

  /** One way as the changes it makes to the request; null when its conditions on one fact cannot all be met. */
  #changesOf(term: Term): FactChange[] | null {
    const constraints = new Map<string, Constraint>();
    for (const item of term) {
      const constraint = this.#constraint(item);
      if (constraint === null) return null;
      const known = constraints.get(constraint.target.path);
      if (known === undefined) constraints.set(constraint.target.path, constraint);
      else if ('values' in known && 'values' in constraint)
        constraints.set(known.target.path, { target: known.target, values: intersect(known.values, constraint.values) });
      else if ('list' in known && 'list' in constraint) {
        const [a, b] = [known.list, constraint.list];
        constraints.set(known.target.path, {
          target: known.target,
          list: {
            has: [...a.has, ...b.has],
            none: [...a.none, ...b.none],
            contains: [...a.contains, ...b.contains],
            lacks: [...a.lacks, ...b.lacks],
            orAbsent: a.orAbsent && b.orAbsent,
          },
        });
      } else return null;
    }
    const changes: FactChange[] = [];
    /** Each object added, by one of its fields. */
    const added = new Map<string, ChangeTarget>();
    for (const constraint of constraints.values()) {
      const { target } = constraint;
      const now = this.#valueAt(target.path);
      if ('list' in constraint) {
        const listed = listChanges(target, constraint.list, now);
        if (listed === null) return null;
        changes.push(...listed);
        continue;
      }
      const adding = this.#changingIn(target);
      if (!adding && includes(constraint.values, now.present ? now.value : null)) continue;
      if (isEmpty(adding ? intersect(constraint.values, noneOf([null, undefined])) : constraint.values, target.domain)) return null;
      if (adding && target.parent) added.set(target.parent.path, target);
      changes.push({ path: target.path, ...(now.present ? { now: now.value } : {}), needs: needsOf(constraint.values, target.domain) });
    }
    // An object added for one field gets its other fields too: what the conditions ask of them, or any value.
    for (const field of added.values()) {
      for (const sibling of this.#siblings(field)) {
        if (changes.some((change) => change.path === sibling.path)) continue;
        const known = constraints.get(sibling.path);
        const values = known !== undefined && 'values' in known ? known.values : ANY_VALUE;
        if (isEmpty(intersect(values, noneOf([null, undefined])), sibling.domain)) return null;
        changes.push({ path: sibling.path, needs: needsOf(values, sibling.domain) });
      }
    }
    return changes.length === 0 ? null : changes;
  }

  #goalsOf(blocker: string): { title: LocalisedText; goals: Goal[]; keeps: Goal[]; keepBasis: boolean } {
    const rules = this.#plan.rules;
    const noBasis = blocker === this.programme.noBasisBlocker.ref;
    const blocking = rules.find(({ rule }) => rule.id === blocker && rule.kind !== 'basis');
    const keeps = rules
      .filter(({ rule, root }) => rule.kind !== 'basis' && rule.id !== blocker && outcomeOf(rule.kind, this.#holds(root)) !== 'blocker')
      .map(({ root }) => ({ root, want: this.#holds(root) }));
    if (noBasis) {
      const goals = rules.filter(({ rule }) => rule.kind === 'basis').map(({ rule, root }) => ({ root, want: true, basis: rule.id }));
      return { title: this.programme.noBasisBlocker.title, goals, keeps, keepBasis: false };
    }
    const goals = blocking ? [{ root: blocking.root, want: blocking.rule.kind === 'requirement' }] : [];
    const keepBasis = rules.some(({ rule, root }) => rule.kind === 'basis' && this.#holds(root));
    return { title: blocking?.rule.title ?? { lv: blocker, en: blocker }, goals, keeps, keepBasis };
  }

  forBlocker(blocker: string): BlockerChanges {
    const { title, goals, keeps, keepBasis } = this.#goalsOf(blocker);
    const found = new Map<string, Omit<ChangeOption, 'words'>>();
    const tried = new Set<string>();
    for (const goal of goals) {
      for (const targets of this.#targetSets(goal)) {
        for (const way of this.#ways(goal, keeps, keepBasis, targets)) {
          // The same way through another basis rule (T1 and T4 both ask for a severe mental disorder) is one option.
          const wayKey = way.join(' ');
          if (tried.has(wayKey)) continue;
          tried.add(wayKey);
          const changes = this.#changesOf(way);
          if (changes === null) continue;
          // A change's value now is the request's at its path: the paths and needs say which option it is.
          const key = changes.map((change) => `${change.path} ${JSON.stringify(change.needs)}`).join('\n');
          if (found.has(key)) continue;
          found.set(key, { changes, ...(goal.basis === undefined ? {} : { basis: goal.basis }) });
        }
      }
    }
    const all = [...found.values()].map((option) => ({ option, facts: new Set(option.changes.map((change) => factOf(change.path))) }));
    const smallest = all
      .filter(({ facts }) => !all.some((other) => other.facts.size < facts.size && [...other.facts].every((path) => facts.has(path))))
      .map(({ option }) => option);
    const options = smallest
      .sort((a, b) => a.changes.length - b.changes.length)
      .slice(0, MAX_OPTIONS)
      .map(({ changes, basis }) => ({
        changes,
        words: optionWords(changes, (change) => this.#titleOf(change.path), basis),
        ...(basis === undefined ? {} : { basis }),
      }));
    return { blocker, title, options };
  }

  #titleOf(path: string): LocalisedText {
    const target = factOf(path);
    return this.#readings.titles.get(target) ?? { lv: target, en: target };
  }
}

/** The fact a change is to: its path, an item added counting as its list. */
function factOf(path: string): string {
  return path.endsWith('/-') ? path.slice(0, -2) : path;
}

function siblingsOf(programme: Programme, target: ChangeTarget): ChangeTarget[] {
  return (target.parent?.facts ?? []).flatMap((fact) => readingOf(programme, fact)?.target ?? []);
}

/** For each node of a plan, the targets the leaves under it read (the fact it compares with too). */
function readsOf(programme: Programme, plan: ExplanationPlan): ReadonlyArray<ReadonlySet<string>> {
  const reads: Array<Set<string> | undefined> = plan.nodes.map(() => undefined);
  const visit = (index: number): Set<string> => {
    const done = reads[index];
    if (done !== undefined) return done;
    const here = new Set<string>();
    const node = plan.nodes[index] as PlanNode;
    const children = node.kind === 'leaf' ? [] : node.kind === 'not' ? [node.child] : node.kind === 'named' ? [node.body] : node.children;
    for (const child of children) for (const path of visit(child)) here.add(path);
    if (node.kind === 'leaf') {
      for (const fact of [node.fact, node.otherFact]) {
        const target = fact === null ? undefined : readingOf(programme, fact)?.target;
        if (target && !target.fixed) here.add(target.path);
      }
    }
    reads[index] = here;
    return here;
  };
  return plan.nodes.map((_node, index) => visit(index));
}

const readingsOfPlans = new WeakMap<ExplanationPlan, PlanReadings>();

function planReadings(programme: Programme, plan: ExplanationPlan): PlanReadings {
  const known = readingsOfPlans.get(plan);
  if (known) return known;
  const leaves = new Map<number, LeafReading>();
  const titles = new Map<string, LocalisedText>();
  const comparedWith = new Set<string>();
  plan.nodes.forEach((node, index) => {
    if (node.kind !== 'leaf') return;
    const reading = readingOf(programme, node.fact);
    const other = node.otherFact === null ? null : readingOf(programme, node.otherFact);
    const comparedWithChangeable = other === null || other.target.fixed ? null : other.target;
    leaves.set(index, { node, reading, comparedWithChangeable });
    if (comparedWithChangeable) comparedWith.add(comparedWithChangeable.path);
    for (const target of reading ? [reading.target, ...siblingsOf(programme, reading.target)] : []) titles.set(target.path, target.title);
  });
  const readings = { leaves, reads: readsOf(programme, plan), comparedWith: [...comparedWith], titles };
  readingsOfPlans.set(plan, readings);
  return readings;
}

/**
 * For each blocker of a day's answer (its evaluation, on the facts of `input`), what would lift it: see OptionSearch.
 * An eligible answer has no blockers and gets nothing.
 */
export function whatWouldChange(programme: Programme, evaluation: Evaluation, blockers: readonly string[], input: FactInput): BlockerChanges[] {
  if (blockers.length === 0) return [];
  const search = new OptionSearch(programme, evaluation, input);
  return blockers.map((blocker) => search.forBlocker(blocker));
}
