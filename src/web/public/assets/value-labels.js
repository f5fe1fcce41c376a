// @ts-check
/**
 * Words for the values the service contract fixes (shared/contract.md: person facts, services, costs, deliveries).
 * They are the contract's vocabulary, not the law's: a new programme or rule version reuses them unchanged.
 */

/** @typedef {import('./language.js').Localised} Localised */

/** @type {Record<string, Record<string, Localised>>} */
export const VALUE_LABELS = {
  conditionType: {
    mental_disorder: { lv: 'Garīga rakstura traucējumi', en: 'Mental disorder' },
    developmental_disorder: { lv: 'Garīgās un fiziskās attīstības traucējumi', en: 'Developmental disorder (mental and physical development)' },
    blindness: { lv: 'Redzes traucējumi (neredzīga persona)', en: 'Blindness' },
    functional_impairment: { lv: 'Funkcionālie traucējumi', en: 'Functional impairment' },
    dementia: { lv: 'Demence', en: 'Dementia' },
  },
  severity: {
    mild: { lv: 'Viegli', en: 'Mild' },
    moderate: { lv: 'Vidēji smagi', en: 'Moderate' },
    severe: { lv: 'Smagi', en: 'Severe' },
    very_severe: { lv: 'Ļoti smagi', en: 'Very severe' },
  },
  disabilityGroup: {
    I: { lv: 'I grupa', en: 'Group I' },
    II: { lv: 'II grupa', en: 'Group II' },
    III: { lv: 'III grupa', en: 'Group III' },
    child: { lv: 'Bērna invaliditāte (līdz 18 gadiem)', en: 'Child disability (under 18)' },
    null: { lv: 'Invaliditāte nav noteikta', en: 'No disability set' },
  },
  careLevel: {
    1: { lv: '1. līmenis — spēj sevi aprūpēt', en: 'Level 1 — can self-care' },
    2: { lv: '2. līmenis', en: 'Level 2' },
    3: { lv: '3. līmenis', en: 'Level 3' },
    4: { lv: '4. līmenis — pilnībā atkarīga, vajadzīga diennakts aprūpe', en: 'Level 4 — fully dependent, round-the-clock care' },
    null: { lv: 'Līmenis nav noteikts', en: 'No level set' },
  },
  residence: {
    own_home: { lv: 'Savā mājoklī', en: 'In their own home' },
    social_house: { lv: 'Sociālajā mājā vai dzīvoklī', en: 'In a social house or flat' },
    group_home: { lv: 'Grupu mājā (dzīvoklī)', en: 'In a group home (apartment)' },
    family: { lv: 'Ģimenē', en: 'With their family' },
    guardian: { lv: 'Pie aizbildņa', en: 'With a guardian' },
    foster_family: { lv: 'Audžuģimenē', en: 'In a foster family' },
    institution: { lv: 'Citā ilgstošas aprūpes institūcijā', en: 'In another long-term care institution' },
  },
  serviceType: {
    home_care: { lv: 'Aprūpe mājās', en: 'Home care' },
    day_centre: { lv: 'Dienas centrs', en: 'Day centre' },
    day_care_centre: { lv: 'Dienas aprūpes centrs', en: 'Day care centre' },
    group_home: { lv: 'Grupu māja (dzīvoklis)', en: 'Group home (apartment)' },
    specialised_workshop: { lv: 'Specializētās darbnīcas', en: 'Specialised workshop' },
    respite: { lv: 'Atelpas brīža pakalpojums', en: 'Respite care' },
    short_term_care: { lv: 'Īslaicīgā sociālā aprūpe', en: 'Short-term social care' },
    social_rehabilitation: { lv: 'Sociālā rehabilitācija', en: 'Social rehabilitation' },
    psychosocial_rehabilitation: { lv: 'Psihosociālā rehabilitācija', en: 'Psychosocial rehabilitation' },
    specialist_consultation: { lv: 'Speciālistu konsultācijas', en: 'Specialist consultations' },
    individual_support: { lv: 'Individuālais atbalsts', en: 'Individual support' },
    support_group: { lv: 'Atbalsta grupa', en: 'Support group' },
    group_sessions: { lv: 'Grupu nodarbības', en: 'Group sessions' },
    family_assistant: { lv: 'Ģimenes asistents', en: 'Family assistant' },
    assistant: { lv: 'Asistents', en: 'Assistant' },
    other: { lv: 'Cits pakalpojums', en: 'Other service' },
  },
  funding: {
    municipality: { lv: 'Pašvaldība', en: 'Municipality' },
    state: { lv: 'Valsts', en: 'State' },
    state_cofunded: { lv: 'Valsts līdzfinansēts', en: 'State co-funded' },
    di_project: { lv: 'DI projekts', en: 'DI project' },
    ngo: { lv: 'Nevalstiska organizācija', en: 'NGO' },
    donation: { lv: 'Ziedojumi', en: 'Donations' },
    own: { lv: 'Personas pašas līdzekļi', en: "The person's own money" },
  },
  provision: {
    municipal: { lv: 'Pašvaldība vai tās iestāde (C1)', en: 'The municipality or its provider (C1)' },
    procured: { lv: 'Iepirkts pakalpojums (C2)', en: 'Procured service (C2)' },
  },
  rateTier: {
    lower: { lv: 'Zemākā likme', en: 'Lower rate' },
    higher: { lv: 'Augstākā likme', en: 'Higher rate' },
  },
  unit: {
    day: { lv: 'dienas', en: 'days' },
    hour: { lv: 'stundas', en: 'hours' },
    session: { lv: 'nodarbības', en: 'sessions' },
  },
  provider: {
    medical: { lv: 'Ārstniecības persona', en: 'Medical practitioner' },
    psychologist: { lv: 'Psihologs', en: 'Psychologist' },
    family_assistant: { lv: 'Ģimenes asistents', en: 'Family assistant' },
    social_worker: { lv: 'Sociālais darbinieks', en: 'Social worker' },
    other: { lv: 'Cits', en: 'Other' },
  },
  // Last: where a value is in several vocabularies and no field says which, the general one (residence, service) wins.
  vsacExitService: {
    institutional_care: { lv: 'Institucionālā aprūpe VSAC', en: 'Institutional care in a VSAC' },
    group_home: { lv: 'VSAC grupu māja (valsts finansēta)', en: 'VSAC-run group home (state-funded)' },
  },
};

/**
 * Which vocabulary a fact's or a line field's values come from. Facts derived from a field of an object fact
 * (vsacExitService = vsacExit.service) use that field's vocabulary.
 * @type {Record<string, string>}
 */
export const VOCABULARY_OF = {
  disabilityGroup: 'disabilityGroup',
  careLevel: 'careLevel',
  residence: 'residence',
  vsacExitService: 'vsacExitService',
  'vsacExit.service': 'vsacExitService',
  'conditions.type': 'conditionType',
  'conditions.severity': 'severity',
  'services.type': 'serviceType',
  'services.funding': 'funding',
  service: 'serviceType',
  funding: 'funding',
  provision: 'provision',
  rateTier: 'rateTier',
  provider: 'provider',
  unit: 'unit',
};

/**
 * Words for a value: from the vocabulary its field names, else from any vocabulary that knows it, else the value.
 * @param {unknown} value
 * @param {string} [field]
 * @returns {Localised | null}
 */
export function valueLabel(value, field) {
  const key = String(value);
  const named = field ? VALUE_LABELS[VOCABULARY_OF[field] ?? '']?.[key] : undefined;
  if (named) return named;
  if (typeof value !== 'string') return null;
  for (const vocabulary of Object.values(VALUE_LABELS)) if (vocabulary[key]) return vocabulary[key];
  return null;
}
