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
        // Everything but the fact value (and a value read from another fact) is the same every day.
        const value = node.otherFact === null ? `,"value":${JSON.stringify(node.value)}${member('valueFrom', node.valueFrom)}` : '';
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

/** The explanation (every rule, every condition) of a record as JSON text: fragments pushed in order, joined once. */
export function explanationJson(record: ExplanationRecord): RawJson {
  const { nodes: texts, rules } = fragments(record.plan);
  const { nodes } = record.plan;
  const { results, facts } = record;
  const seen = new Map<string, string | undefined>();
  const out: string[] = [];
  const factText = (name: string): string | undefined => {
    if (seen.has(name)) return seen.get(name);
    const text = JSON.stringify(facts[name]);
    seen.set(name, text);
    return text;
  };
  const tail = (index: number, skipped: boolean): string => (results[index] === 2 ? (skipped ? ',"result":true,"skipped":true' : ',"result":true,"skipped":false') : skipped ? ',"result":false,"skipped":true' : ',"result":false,"skipped":false');
  const write = (index: number, skipped: boolean): void => {
    const node = nodes[index] as ExplanationPlan['nodes'][number];
    const text = texts[index] as Fragments['nodes'][number];
    switch (node.kind) {
      case 'all':
      case 'any': {
        out.push(text.open);
        let decided = false;
        node.children.forEach((child, position) => {
          if (position > 0) out.push(',');
          write(child, skipped || decided);
          if ((results[child] === 2) === (node.kind === 'any')) decided = true;
        });
        out.push(']', tail(index, skipped), '}');
        return;
      }
      case 'not':
        out.push(text.open);
        write(node.child, skipped);
        out.push(tail(index, skipped), '}');
        return;
      case 'named':
        out.push(text.open, tail(index, skipped), ',"conditions":');
        write(node.body, skipped);
        out.push('}');
        return;
      case 'leaf': {
        out.push(text.open);
        if (node.otherFact !== null) out.push(member('value', facts[node.otherFact]), member('valueFrom', node.valueFrom));
        const factValue = factText(node.fact);
        if (factValue !== undefined) out.push(',"factValue":', factValue);
        out.push(tail(index, skipped), text.close);
        return;
      }
    }
  };
  out.push('[');
  record.plan.rules.forEach(({ root }, index) => {
    const rule = rules[index] as Fragments['rules'][number];
    const result = results[root] === 2;
    if (index > 0) out.push(',');
    out.push(rule.open, result ? ',"result":true' : ',"result":false', ',"outcome":"', outcomeOf(rule.kind, result), '","conditions":');
    write(root, false);
    out.push('}');
  });
  out.push(']');
  return new RawJson(out.join(''));
}

/**
 * How an answer carries its explanation: as objects (for code that reads it), as JSON text (for the HTTP answer
 * and the decision record, written once), or not at all (a batch's claim summary).
 */
export type ExplanationForm = 'objects' | 'json' | 'none';

export function explanationIn(form: Exclude<ExplanationForm, 'none'>, record: ExplanationRecord): RuleTrace[] | RawJson {
  return form === 'json' ? explanationJson(record) : materialise(record);
}
