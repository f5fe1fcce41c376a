/**
 * NSK eligibility (rules/nsk/versions/2019-01-01.yaml) written by hand as one TypeScript function: the speed
 * anchor "a hand-written function of the same logic". Benchmarks only; the service never uses it.
 */
interface Person {
  birthDate: string;
  conditions: Array<{ type: string; severity?: string }>;
  disabilityGroup: string | null;
  vsacExit: { date: string; service: string } | null;
  receivedDiServices: boolean;
  nskAsChild: boolean;
  residence: string;
  diCompensatedUntil: string | null;
}

function age(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return Number(on.slice(5, 7)) * 100 + Number(on.slice(8, 10)) < Number(birthDate.slice(5, 7)) * 100 + Number(birthDate.slice(8, 10)) ? years - 1 : years;
}

const severe = (person: Person, type: string): boolean =>
  person.conditions.some((condition) => condition.type === type && (condition.severity === 'severe' || condition.severity === 'very_severe'));

export function handWrittenNsk(
  person: Person,
  services: Array<{ type: string; inPlan: boolean; funding: string }>,
  date: string,
): { eligible: boolean; basis: string[]; blockers: string[] } {
  const years = age(person.birthDate, date);
  const exitDate = person.vsacExit?.date ?? null;
  const adult = years >= 18;
  const mental = severe(person, 'mental_disorder');
  const developmental = severe(person, 'developmental_disorder');
  const t1 = adult && mental;
  const t2 = adult && person.conditions.some((condition) => condition.type === 'blindness');
  const t3 = years < 4 && developmental;
  const t4 = years >= 4 && years < 18 && mental;
  const x1 = person.nskAsChild && adult && developmental && (person.disabilityGroup === 'I' || person.disabilityGroup === 'II');
  const x2 = person.vsacExit?.service === 'group_home' && person.conditions.some((condition) => condition.type === 'mental_disorder');
  const earlyWithDi = exitDate !== null && exitDate < '2018-07-01' && person.receivedDiServices;
  const x3 = (t1 || t2 || t3 || t4 || x1 || x2) && earlyWithDi;
  const basis: string[] = [];
  if (t1) basis.push('T1');
  if (t2) basis.push('T2');
  if (t3) basis.push('T3');
  if (t4) basis.push('T4');
  if (x1) basis.push('X1');
  if (x2) basis.push('X2');
  if (x3) basis.push('X3');
  const blockers: string[] = [];
  if (basis.length === 0) blockers.push('T');
  if (!(exitDate !== null && exitDate < date && (exitDate >= '2018-07-01' || earlyWithDi))) blockers.push('R1');
  const adultHome = ['own_home', 'social_house', 'group_home'].includes(person.residence);
  const childHome = ['family', 'guardian', 'foster_family'].includes(person.residence);
  if (!((adult && adultHome) || (!adult && childHome))) blockers.push('R2');
  if (!services.some((service) => service.inPlan && service.funding === 'municipality' && service.type !== 'assistant')) blockers.push('R3');
  if (person.residence === 'institution') blockers.push('E1');
  const inPlan = services.filter((service) => service.inPlan);
  if (inPlan.length > 0 && !inPlan.some((service) => service.funding !== 'state' && service.funding !== 'state_cofunded' && service.type !== 'assistant'))
    blockers.push('E2');
  if (person.diCompensatedUntil !== null && person.diCompensatedUntil >= date) blockers.push('E3');
  return { eligible: basis.length > 0 && blockers.length === 0, basis, blockers };
}
