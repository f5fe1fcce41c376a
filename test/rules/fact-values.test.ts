import { describe, expect, it } from 'vitest';
import {
  allowedValues,
  closedFieldNames,
  factDomain,
  factMayBeAbsent,
  factSchema,
  fieldMayBeAbsent,
  fieldSchema,
  itemFieldDomain,
  itemSchema,
  jsonTypes,
  lineFactMayBeAbsent,
  lineFactSchema,
  programmeFactValues,
  type FactValueScope,
  type PlacedSchema,
} from '../../src/rules/fact-values.js';
import { NAMED_SCHEMAS, namedSchema } from '../support/request-schemas.js';
import type { DeclaredFact, DerivedFact, FactOrigin, Programme } from '../../src/rules/model.js';

function ref(name: string): PlacedSchema {
  return { schema: { $ref: `#/components/schemas/${name}` } };
}

function enumOf(name: string): unknown[] {
  return namedSchema(name).enum as unknown[];
}

/** `run` with these named schemas added to (or replacing some of) the request schemas, put back as they were after. */
function withNamedSchemas<T>(extra: Record<string, Record<string, unknown>>, run: () => T): T {
  const before = new Map(Object.keys(extra).map((name) => [name, NAMED_SCHEMAS[name]]));
  Object.assign(NAMED_SCHEMAS, extra);
  try {
    return run();
  } finally {
    for (const [name, schema] of before) {
      if (schema) NAMED_SCHEMAS[name] = schema;
      else delete NAMED_SCHEMAS[name];
    }
  }
}

const TITLE = { lv: 'x', en: 'x' };

function declared(name: string, origin: FactOrigin, required: boolean): DeclaredFact {
  return { name, type: 'string', in: origin, required, title: TITLE, fixed: false };
}

function fieldOf(name: string, of: string, field: string): DerivedFact {
  return { name, kind: 'field', of, field, type: 'string', title: TITLE };
}

/** A programme with just these facts: what fact-values reads of a programme. */
function programmeWith(facts: DeclaredFact[], derived: DerivedFact[] = []): Programme {
  return {
    id: 'test',
    title: TITLE,
    noBasisBlocker: { ref: 'T', title: TITLE },
    facts: new Map(facts.map((fact) => [fact.name, fact])),
    derivedFacts: new Map(derived.map((fact) => [fact.name, fact])),
    versions: [],
    file: 'test/programme.yaml',
    directory: 'test',
  };
}

describe('$refs are followed into the request schemas', () => {
  it('a $ref to a $ref ends at the schema the chain names (EligibilityRequest.explain → ExplainLevel)', () => {
    expect(allowedValues({ schema: { $ref: '#/components/schemas/EligibilityRequest/properties/explain' } })).toEqual(enumOf('ExplainLevel'));
  });

  it('a $ref to nothing is left as it is: no types, no values, no fields (and no crash)', () => {
    const dangling = ref('NoSuchSchema');
    expect(jsonTypes(dangling)).toBeNull();
    expect(allowedValues(dangling)).toBeNull();
    expect(fieldSchema(dangling, 'type')).toBeNull();
  });

  it('JSON Pointer escapes are decoded: ~1 is a slash and ~0 a tilde in a key, not nothing', () => {
    withNamedSchemas({ 'a/b': { enum: ['slash'] }, 'c~d': { enum: ['tilde'] }, ab: { enum: ['no slash'] }, cd: { enum: ['no tilde'] } }, () => {
      expect(allowedValues(ref('a~1b'))).toEqual(['slash']);
      expect(allowedValues(ref('c~0d'))).toEqual(['tilde']);
    });
  });

  it('a $ref cycle ends (after a bounded number of hops) instead of hanging the loader', () => {
    withNamedSchemas({ Loop: { $ref: '#/components/schemas/Loop' } }, () => {
      expect(jsonTypes(ref('Loop'))).toBeNull();
    });
  });
});

describe('fieldSchema: the schema of a field of an object schema', () => {
  it('a field the object has, through its $ref (PlannedService.funding → Funding)', () => {
    const funding = fieldSchema(ref('PlannedService'), 'funding');
    expect(funding && allowedValues(funding)).toEqual(enumOf('Funding'));
  });

  it.each<[string, PlacedSchema, string]>([
    ['a field the object does not declare', ref('PlannedService'), 'colour'],
    ['a schema without properties', { schema: { type: 'string' } }, 'length'],
    ['properties that are null', { schema: { properties: null } }, 'a'],
    ['properties written as a list (not an object)', { schema: { properties: [{ type: 'string' }] } }, '0'],
    ['an inherited member of the properties object (__proto__), not a field', ref('EligibilityRequest'), '__proto__'],
    ['a field whose schema is not an object', { schema: { properties: { a: 'string' } } }, 'a'],
  ])('no field: %s', (_name, object, field) => {
    expect(fieldSchema(object, field)).toBeNull();
  });
});

describe('closedFieldNames: the fields of an object that allows no others', () => {
  it('a closed object lists the fields its schema declares (PlannedService)', () => {
    expect(closedFieldNames(ref('PlannedService'))).toEqual(Object.keys(namedSchema('PlannedService').properties as object));
  });

  it.each<[string, PlacedSchema]>([
    ['an object that allows other fields (no additionalProperties: false)', { schema: { type: 'object', properties: { a: {} } } }],
    ['an object that says additionalProperties: true', { schema: { type: 'object', properties: { a: {} }, additionalProperties: true } }],
    ['additionalProperties: false without properties', { schema: { additionalProperties: false, properties: null } }],
  ])('null for %s', (_name, object) => {
    expect(closedFieldNames(object)).toBeNull();
  });
});

describe('itemSchema: the schema of a list item', () => {
  it('the items of a list, through their $ref (PlannedServices → PlannedService)', () => {
    expect(itemSchema(ref('PlannedServices'))).toEqual({ schema: namedSchema('PlannedService') });
  });

  it.each<[string, unknown]>([
    ['items written as a string', 'PlannedService'],
    ['items: null', null],
    ['items written as a list of schemas', [{ type: 'string' }]],
  ])('not a list item schema: %s', (_name, items) => {
    expect(itemSchema({ schema: { type: 'array', items } })).toBeNull();
  });
});

describe('jsonTypes: the JSON types a schema allows', () => {
  it.each<[string, PlacedSchema, string[] | null]>([
    ['one type', { schema: { type: 'boolean' } }, ['boolean']],
    ['a type union, kept whole (CalendarDateOrNull)', ref('CalendarDateOrNull'), namedSchema('CalendarDateOrNull').type as string[]],
    ['a union with a non-string entry: only the names', { schema: { type: ['boolean', 7, null, 'null'] } }, ['boolean', 'null']],
    ['no type', { schema: { enum: ['a'] } }, null],
  ])('%s', (_name, schema, expected) => {
    expect(jsonTypes(schema)).toEqual(expected);
  });
});

describe('allowedValues: every value a schema allows, when they can be listed', () => {
  it.each<[string, PlacedSchema, unknown[] | null]>([
    ['an enum (Severity)', ref('Severity'), enumOf('Severity')],
    ['an enum before the type it also names', { schema: { type: 'string', enum: ['a'] } }, ['a']],
    ['a const', { schema: { const: 'x' } }, ['x']],
    ['a const null', { schema: { const: null } }, [null]],
    ['a flag: true and false', { schema: { type: 'boolean' } }, [true, false]],
    ['a nullable flag: true, false and null', { schema: { type: ['boolean', 'null'] } }, [true, false, null]],
    ['null only', { schema: { type: 'null' } }, [null]],
    ['a nullable date cannot be listed (CalendarDateOrNull)', ref('CalendarDateOrNull'), null],
    ['a number cannot be listed', { schema: { type: 'number' } }, null],
    ['a schema without a type cannot be listed', { schema: {} }, null],
  ])('%s', (_name, schema, expected) => {
    expect(allowedValues(schema)).toEqual(expected);
  });
});

describe('factSchema: what a request sends for a fact', () => {
  const vsacExit = declared('vsacExit', 'person', false);

  it('a person fact reads its Person field; a derived field, the field of that', () => {
    const programme = programmeWith([vsacExit], [fieldOf('exitService', 'vsacExit', 'service')]);
    const service = factSchema(programme, 'exitService');
    const exit = namedSchema('Person').properties as Record<string, { properties: { service: { enum: unknown[] } } }>;
    expect(service && allowedValues(service)).toEqual(exit.vsacExit?.properties.service.enum);
  });

  it('derived facts that derive from each other (a cycle) have no schema, and do not recurse forever', () => {
    const programme = programmeWith([], [fieldOf('a', 'b', 'x'), fieldOf('b', 'a', 'x')]);
    expect(factSchema(programme, 'a')).toBeNull();
  });

  it('a derived field of a fact no request schema describes has no schema', () => {
    const programme = programmeWith([declared('favouriteColour', 'person', false)], [fieldOf('hue', 'favouriteColour', 'hue')]);
    expect(factSchema(programme, 'hue')).toBeNull();
  });
});

describe('factMayBeAbsent: whether a request may leave a fact out', () => {
  const person = declared('person', 'request', true);
  const birthDate = declared('birthDate', 'person', true);
  const required = (name: string): string[] => namedSchema(name).required as string[];

  it('a fact the programme does not know may be absent', () => {
    expect(factMayBeAbsent(programmeWith([]), 'unknown')).toBe(true);
  });

  it('a whole-years fact of a required date is never absent (it is not a field of that date)', () => {
    const programme = programmeWith([birthDate], [{ name: 'age', kind: 'wholeYearsOn', of: 'birthDate', title: TITLE, type: 'number' }]);
    expect(factMayBeAbsent(programme, 'age')).toBe(false);
  });

  it('an items-by-date fact is absent exactly when its list may be', () => {
    const derived: DerivedFact = {
      name: 'current',
      kind: 'itemsByDate',
      of: 'services',
      field: 'diCompensatedUntil',
      keep: 'onOrAfterDay',
      title: TITLE,
      type: 'list',
    };
    expect(factMayBeAbsent(programmeWith([declared('services', 'request', true)], [derived]), 'current')).toBe(false);
    expect(factMayBeAbsent(programmeWith([declared('services', 'request', false)], [derived]), 'current')).toBe(true);
  });

  it.each<[string, DeclaredFact, string]>([
    ['a field the object schema does not require (Person.disabilityGroup of a required person)', person, 'disabilityGroup'],
    ['any field of an optional object (vsacExit.service)', declared('vsacExit', 'person', false), 'service'],
    ['a field of a required fact no request schema describes', declared('favouriteColour', 'person', true), 'hue'],
  ])('a derived field may be absent: %s', (_name, of, field) => {
    expect(factMayBeAbsent(programmeWith([of], [fieldOf('derived', of.name, field)]), 'derived')).toBe(true);
  });

  it.each<[string, DeclaredFact, string]>([
    ['Person.birthDate of a required person', person, 'birthDate'],
    ['vsacExit.service of a required vsacExit', declared('vsacExit', 'person', true), 'service'],
  ])('a derived field is never absent when its object is required and so is the field: %s', (_name, of, field) => {
    const schema = factSchema(programmeWith([of]), of.name);
    expect(schema && !fieldMayBeAbsent(schema, field)).toBe(true);
    expect(factMayBeAbsent(programmeWith([of], [fieldOf('derived', of.name, field)]), 'derived')).toBe(false);
  });

  it('Person requires birthDate (the premise of the cases above)', () => {
    expect(required('Person')).toContain('birthDate');
    expect(required('Person')).not.toContain('disabilityGroup');
  });
});

describe('line facts: the fields of a kind’s input lines', () => {
  it('a field of the line itself (a cost line’s funding), required as CostLine says', () => {
    const funding = lineFactSchema('cappedActualCost', 'funding');
    expect(funding && allowedValues(funding)).toEqual(enumOf('Funding'));
    expect(lineFactMayBeAbsent('cappedActualCost', 'funding')).toBe(!(namedSchema('CostLine').required as string[]).includes('funding'));
    expect(lineFactMayBeAbsent('cappedActualCost', 'diCompensatedUntil')).toBe(true);
  });

  it('a flag of an object field of the line (an IBM line’s evidence) by its own name', () => {
    const flag = lineFactSchema('individualBudgetLines', 'remoteSuitabilityAssessed');
    expect(flag && jsonTypes(flag)).toEqual(['boolean']);
  });

  it('a name neither the line nor its object fields have', () => {
    expect(lineFactSchema('individualBudgetLines', 'hasPrice')).toBeNull();
  });

  it('a flag of the second object field of a line is found too, not only the first object field’s', () => {
    const flags = (name: string) => ({ type: 'object', additionalProperties: false, properties: { [name]: { type: 'boolean' } } });
    const line = { type: 'object', additionalProperties: false, properties: { first: flags('a'), second: flags('b') } };
    withNamedSchemas({ ServiceLine: line }, () => {
      const flag = lineFactSchema('individualBudgetLines', 'b');
      expect(flag && jsonTypes(flag)).toEqual(['boolean']);
    });
  });

  it('a kind whose lines the request schemas do not describe has no line facts, and each may be absent', () => {
    withNamedSchemas({ CompensationRequest: { type: 'object', properties: {} } }, () => {
      expect(lineFactSchema('individualBudgetLines', 'funding')).toBeNull();
      expect(lineFactMayBeAbsent('individualBudgetLines', 'funding')).toBe(true);
    });
  });
});

describe('factDomain and itemFieldDomain', () => {
  const services: FactValueScope = programmeFactValues(programmeWith([declared('services', 'request', true), declared('residence', 'person', false)]));
  const plannedService = namedSchema('PlannedService');

  it('the funding of a planned service: its values, and whether an item may leave it out', () => {
    expect(itemFieldDomain(services, 'services', 'funding')).toEqual({
      values: enumOf('Funding'),
      mayBeAbsent: !(plannedService.required as string[]).includes('funding'),
    });
  });

  it.each([
    ['a field whose values cannot be listed (a date)', 'services', 'diCompensatedUntil'],
    ['a field the items do not have', 'services', 'colour'],
    ['a fact that is not a list', 'residence', 'type'],
    ['a fact no schema describes', 'unknown', 'type'],
  ])('no item field domain: %s', (_name, fact, field) => {
    expect(itemFieldDomain(services, fact, field)).toBeNull();
  });

  it('an optional fact’s domain adds null once, after the listed values', () => {
    expect(factDomain(services, 'residence')).toEqual([...personFieldEnum('residence'), null]);
  });
});

function personFieldEnum(field: string): unknown[] {
  const properties = namedSchema('Person').properties as Record<string, { enum?: unknown[] }>;
  return properties[field]?.enum ?? [];
}
