import { JsonWriter, RawJson } from './raw-json.js';
import { materialise, type ExplanationPlan, type ExplanationRecord } from './explanation-plan.js';
import { outcomeOf, type RuleTrace } from './day-result.js';

/*
 * The explanation of a record as JSON, written as UTF-8 bytes by a program compiled once per plan. Everything but
 * each node's result and skipped flag, each rule's result and the fact values seen is the same every day, so the
 * plan's explanation tree is laid out once, in output order, as a list of steps: a dynamic piece (a node's result
 * and skipped flag, a rule's result, a fact's value) together with all the fixed text that follows it up to the
 * next dynamic piece, already encoded — one copy a step. The same JSON as JSON.stringify(materialise(record)) — a
 * test holds them equal, on generated persons and days for every bundled version — without building the objects,
 * or a string, first.
 */

/** What a step writes before its fixed text. */
enum Step {
  /** Nothing: fixed text only. */
  Fixed,
  /** A node's result and skipped flag: one of four texts, chosen by them. */
  Node,
  /** A rule's result and outcome: one of two texts. */
  Rule,
  /** `,"factValue":<value>` when the fact has a value, else nothing. */
  FactValue,
  /** `,"value":<value>` of a condition that compares with another fact, when that fact has a value. */
  OtherValue,
}

interface Program {
  /** Per step: its kind, the position (Node, Rule) or fact slot (FactValue, OtherValue) it reads. */
  kinds: Step[];
  args: number[];
  /** Per step: its texts, each ending in the fixed text after it (Node: 4 by result × skipped; Rule: 2; else 1). */
  texts: Buffer[][];
  /** Per position of the explanation tree, in pre-order: the plan node shown there, and its parent's position. */
  nodeAt: number[];
  parentAt: number[];
  /** How the parent decides its children's skipped flags: 0 passes its own on, 1 `all`, 2 `any`. */
  parentKindAt: number[];
  /** The distinct facts the steps read, by slot. */
  facts: string[];
  /** The size of the last explanation written: the next one's first guess. */
  lastBytes: number;
}

const programs = new WeakMap<ExplanationPlan, Program>();

function member(key: string, value: unknown): string {
  return value === undefined ? '' : `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
}

/** A node's result, and "skipped": true only where it is (contract v2's compact explanation). */
const TAILS = [',"result":false', ',"result":false,"skipped":true', ',"result":true', ',"result":true,"skipped":true'];

function compileProgram(plan: ExplanationPlan): Program {
  const program: Program = { kinds: [], args: [], texts: [], nodeAt: [], parentAt: [], parentKindAt: [], facts: [], lastBytes: 4096 };
  // Steps are built with their texts as strings, and the fixed text is appended to the last step until the next
  // dynamic piece opens a new one.
  const pending: Array<{ kind: Step; arg: number; texts: string[] }> = [{ kind: Step.Fixed, arg: 0, texts: [''] }];
  const fixed = (text: string): void => {
    const last = pending[pending.length - 1] as (typeof pending)[number];
    last.texts = last.texts.map((each) => each + text);
  };
  const dynamic = (kind: Step, arg: number, texts: string[]): void => void pending.push({ kind, arg, texts });
  const slotOf = (fact: string): number => {
    const known = program.facts.indexOf(fact);
    return known >= 0 ? known : program.facts.push(fact) - 1;
  };
  // A named condition is laid out in full where it first appears, and by its name after (as `materialise` does).
  const explainedIn = new Map<string, string>();
  let explainingRule = '';
  const layOut = (index: number, parent: number, parentKind: number): number => {
    const position = program.nodeAt.length;
    program.nodeAt.push(index);
    program.parentAt.push(parent);
    program.parentKindAt.push(parentKind);
    const node = plan.nodes[index] as ExplanationPlan['nodes'][number];
    switch (node.kind) {
      case 'all':
      case 'any':
        fixed(`{"${node.kind}":[`);
        node.children.forEach((child, place) => {
          if (place > 0) fixed(',');
          layOut(child, position, node.kind === 'all' ? 1 : 2);
        });
        fixed(']');
        dynamic(Step.Node, position, TAILS);
        fixed('}');
        break;
      case 'not':
        fixed('{"not":');
        layOut(node.child, position, 0);
        dynamic(Step.Node, position, TAILS);
        fixed('}');
        break;
      case 'named': {
        fixed(`{"condition":${JSON.stringify(node.name)}${node.title === undefined ? '' : `,"title":${JSON.stringify(node.title)}`}`);
        dynamic(Step.Node, position, TAILS);
        const where = explainedIn.get(node.name);
        if (where !== undefined) {
          fixed(`,"explainedIn":${JSON.stringify(where)}}`);
          break;
        }
        explainedIn.set(node.name, explainingRule);
        fixed(',"conditions":');
        layOut(node.body, position, 0);
        fixed('}');
        break;
      }
      case 'leaf':
        fixed(`{"fact":${JSON.stringify(node.fact)},"operator":${JSON.stringify(node.operator)}`);
        if (node.otherFact === null) fixed(`,"value":${JSON.stringify(node.value)}${member('valueFrom', node.valueFrom)}`);
        else {
          dynamic(Step.OtherValue, slotOf(node.otherFact), ['']);
          fixed(member('valueFrom', node.valueFrom));
        }
        dynamic(Step.FactValue, slotOf(node.fact), ['']);
        dynamic(Step.Node, position, TAILS);
        fixed(`${member('ref', node.ref)}${member('note', node.note)}}`);
        break;
    }
    return position;
  };
  fixed('[');
  plan.rules.forEach(({ rule, root, source }, index) => {
    explainingRule = rule.id;
    if (index > 0) fixed(',');
    fixed(
      `{"ref":${JSON.stringify(rule.id)},"kind":${JSON.stringify(rule.kind)},"title":${JSON.stringify(rule.title)},"source":${JSON.stringify(source)},"assumptions":${JSON.stringify(rule.assumptions)}`,
    );
    // A rule's result is its root's: the step reads the root's position, laid out next.
    dynamic(
      Step.Rule,
      program.nodeAt.length,
      [false, true].map((result) => `,"result":${result},"outcome":"${outcomeOf(rule.kind, result)}","conditions":`),
    );
    layOut(root, -1, 0);
    fixed('}');
  });
  fixed(']');
  for (const step of pending) {
    program.kinds.push(step.kind);
    program.args.push(step.arg);
    program.texts.push(step.texts.map((text) => Buffer.from(text, 'utf8')));
  }
  return program;
}

/* Per-call scratch, reused: the service answers one request at a time on its thread. */
let skippedAt = new Uint8Array(256);
let decidedAt = new Uint8Array(256);
let factStart = new Int32Array(32);
let factEnd = new Int32Array(32);

/** The explanation (every rule, every condition) of a record as JSON bytes. */
export function explanationJson(record: ExplanationRecord): RawJson {
  let program = programs.get(record.plan);
  if (!program) {
    program = compileProgram(record.plan);
    programs.set(record.plan, program);
  }
  const { results, facts } = record;
  const { nodeAt, parentAt, parentKindAt, kinds, args, texts } = program;
  // Skipped flags, in pre-order: a child is skipped when its parent is, or when an earlier sibling decided the
  // parent (a false child of `all`, a true child of `any`).
  const positions = nodeAt.length;
  if (skippedAt.length < positions) {
    skippedAt = new Uint8Array(positions * 2);
    decidedAt = new Uint8Array(positions * 2);
  }
  decidedAt.fill(0, 0, positions);
  for (let position = 0; position < positions; position += 1) {
    const parent = parentAt[position] as number;
    if (parent < 0) {
      skippedAt[position] = 0;
      continue;
    }
    skippedAt[position] = (skippedAt[parent] as number) | (decidedAt[parent] as number);
    const parentKind = parentKindAt[position] as number;
    if (parentKind !== 0 && (results[nodeAt[position] as number] === 2) === (parentKind === 2)) decidedAt[parent] = 1;
  }
  // A fact's value is written as JSON the first time a condition shows it, and copied from there after.
  const slots = program.facts.length;
  if (factStart.length < slots) {
    factStart = new Int32Array(slots * 2);
    factEnd = new Int32Array(slots * 2);
  }
  factStart.fill(-1, 0, slots);
  const out = new JsonWriter(program.lastBytes + 1024);
  const value = (slot: number, key: string): void => {
    const start = factStart[slot] as number;
    if (start >= 0) {
      if (factEnd[slot] === start) return; // no value
      out.text(key);
      return out.again(start, factEnd[slot] as number);
    }
    const text = JSON.stringify(facts[program.facts[slot] as string]);
    if (text === undefined) return void (factEnd[slot] = factStart[slot] = out.length);
    out.text(key);
    factStart[slot] = out.length;
    out.text(text);
    factEnd[slot] = out.length;
  };
  for (let step = 0; step < kinds.length; step += 1) {
    const choices = texts[step] as Buffer[];
    const arg = args[step] as number;
    switch (kinds[step]) {
      case Step.Fixed:
        out.bytes(choices[0] as Buffer);
        break;
      case Step.Node:
        out.bytes(choices[(results[nodeAt[arg] as number] === 2 ? 2 : 0) + (skippedAt[arg] as number)] as Buffer);
        break;
      case Step.Rule:
        out.bytes(choices[results[nodeAt[arg] as number] === 2 ? 1 : 0] as Buffer);
        break;
      case Step.FactValue:
        value(arg, ',"factValue":');
        out.bytes(choices[0] as Buffer);
        break;
      case Step.OtherValue:
        value(arg, ',"value":');
        out.bytes(choices[0] as Buffer);
        break;
    }
  }
  program.lastBytes = out.length;
  return new RawJson(out.done());
}

/**
 * How an answer carries its explanation: as objects (for code that reads it), as JSON bytes (for the HTTP answer
 * and the decision record, written once), or not at all (a batch's claim summary).
 */
/**
 * How explanations are built: compact objects, compact JSON bytes, none, or complete objects (every named condition in
 * full wherever it appears — what coverage counts, as each rule reaches a condition).
 */
export type ExplanationForm = 'objects' | 'json' | 'none' | 'complete';

export function explanationIn(form: Exclude<ExplanationForm, 'none'>, record: ExplanationRecord): RuleTrace[] | RawJson {
  return form === 'json' ? explanationJson(record) : materialise(record, form !== 'complete');
}
