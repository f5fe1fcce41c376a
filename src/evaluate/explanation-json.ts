import { RawJson } from '../answer/raw-json.js';
import { materialise, type ExplanationPlan, type ExplanationRecord } from './explanation-plan.js';
import { outcomeOf, type RuleTrace } from './evaluate-day.js';

/**
 * The explanation of a record as JSON text, written from fragments prepared once per plan: only each node's
 * result, skipped flag and the fact values it saw are filled in per day. The same text as
 * JSON.stringify(materialise(record)) — a test holds them equal — without building the objects first.
 */
interface Fragments {
  /** Per node: the text before its dynamic parts, and after. */
  nodes: Array<{ open: string; close: string }>;
  rules: Array<{ open: string; kind: 'basis' | 'requirement' | 'exclusion' }>;
}

const fragmentsOf = new WeakMap<ExplanationPlan, Fragments>();

function member(key: string, value: unknown): string {
  return value === undefined ? '' : `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
}

function fragments(plan: ExplanationPlan): Fragments {
  const known = fragmentsOf.get(plan);
  if (known) return known;
  const nodes = plan.nodes.map((node) => {
    switch (node.kind) {
      case 'all':
      case 'any':
        return { open: `{"${node.kind}":[`, close: '' };
      case 'not':
        return { open: '{"not":', close: '' };
      case 'named':
        return { open: `{"condition":${JSON.stringify(node.name)}`, close: '' };
      case 'leaf': {
        const value = node.otherFact === null ? `,"value":${JSON.stringify(node.value)}` : '';
        return { open: `{"fact":${JSON.stringify(node.fact)},"operator":${JSON.stringify(node.operator)}${value}`, close: `${member('ref', node.ref)}${member('note', node.note)}}` };
      }
    }
  });
  const rules = plan.rules.map(({ rule }) => ({
    open: `{"ref":${JSON.stringify(rule.id)},"kind":${JSON.stringify(rule.kind)},"title":${JSON.stringify(rule.title)},"source":${JSON.stringify(rule.source)},"assumptions":${JSON.stringify(rule.assumptions)}`,
    kind: rule.kind,
  }));
  const built = { nodes, rules };
  fragmentsOf.set(plan, built);
  return built;
}

/** The explanation (every rule, every condition) of a record as JSON text. */
export function explanationJson(record: ExplanationRecord): RawJson {
  const { nodes: texts, rules } = fragments(record.plan);
  const { nodes } = record.plan;
  const { results, facts } = record;
  const seen = new Map<string, string>();
  const factText = (name: string): string | undefined => {
    let text = seen.get(name);
    if (text === undefined && !seen.has(name)) {
      text = JSON.stringify(facts[name]);
      seen.set(name, text as string);
    }
    return text;
  };
  const write = (index: number, skipped: boolean): string => {
    const node = nodes[index] as ExplanationPlan['nodes'][number];
    const text = texts[index] as Fragments['nodes'][number];
    const result = results[index] === 2;
    const tail = `,"result":${result},"skipped":${skipped}`;
    switch (node.kind) {
      case 'all':
      case 'any': {
        let decided = false;
        const children: string[] = [];
        for (const child of node.children) {
          children.push(write(child, skipped || decided));
          if ((results[child] === 2) === (node.kind === 'any')) decided = true;
        }
        return `${text.open}${children.join(',')}]${tail}}`;
      }
      case 'not':
        return `${text.open}${write(node.child, skipped)}${tail}}`;
      case 'named':
        return `${text.open}${tail},"conditions":${write(node.body, skipped)}}`;
      case 'leaf': {
        const value = node.otherFact === null ? '' : member('value', facts[node.otherFact]);
        const valueFrom = member('valueFrom', node.valueFrom);
        const factValue = factText(node.fact);
        return `${text.open}${value}${valueFrom}${factValue === undefined ? '' : `,"factValue":${factValue}`}${tail}${text.close}`;
      }
    }
  };
  const parts = record.plan.rules.map(({ root }, index) => {
    const rule = rules[index] as Fragments['rules'][number];
    const result = results[root] === 2;
    return `${rule.open},"result":${result},"outcome":"${outcomeOf(rule.kind, result)}","conditions":${write(root, false)}}`;
  });
  return new RawJson(`[${parts.join(',')}]`);
}

/**
 * How an answer carries its explanation: as objects (for code that reads it), as JSON text (for the HTTP answer
 * and the decision record, written once), or not at all (a batch's claim summary).
 */
export type ExplanationForm = 'objects' | 'json' | 'none';

export function explanationIn(form: Exclude<ExplanationForm, 'none'>, record: ExplanationRecord): RuleTrace[] | RawJson {
  return form === 'json' ? explanationJson(record) : materialise(record);
}
