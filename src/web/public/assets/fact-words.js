// @ts-check
/**
 * Plain words for the contract's person facts and their parts, used where a programme file gives a fact no help of
 * its own (programme help, when present, always wins) and for the parts of a fact the programme does not describe.
 */

/** @typedef {import('./language.js').Localised} Localised */

/** @type {Record<string, Localised>} */
export const FACT_HELP = {
  birthDate: {
    lv: 'No tās aprēķina personas vecumu pilnos gados katrā vērtējamā dienā.',
    en: "The person's age in whole years is counted from it for each evaluated day.",
  },
  conditions: {
    lv: 'Katrs personai noteiktais traucējums ar tā veidu un smagumu. Neredzībai un demencei smagums nav obligāts.',
    en: "Each of the person's conditions with its type and severity. Blindness and dementia need no severity.",
  },
  disabilityGroup: {
    lv: 'Noteiktā invaliditātes grupa. Izvēlieties „nav noteikta”, ja invaliditāte nav noteikta.',
    en: 'The disability group set for the person. Choose "no disability set" if none has been set.',
  },
  careLevel: {
    lv: 'Aprūpes līmenis no 1 (spēj sevi aprūpēt) līdz 4 (pilnībā atkarīga, vajadzīga diennakts aprūpe).',
    en: 'The care level from 1 (can self-care) to 4 (fully dependent, round-the-clock care).',
  },
  vsacExit: {
    lv: 'Ja persona ir beigusi saņemt valsts sociālās aprūpes centra (VSAC) pakalpojumu: pēdējā diena, kad to saņēma, un kāds tas bija. Atstājiet tukšu, ja tā nav.',
    en: 'If the person has stopped receiving a state social care centre (VSAC) service: the last day they received it, and which it was. Leave empty if not.',
  },
  receivedDiServices: {
    lv: 'Vai persona jau ir saņēmusi sabiedrībā balstītus pakalpojumus deinstitucionalizācijas (DI) projektā.',
    en: 'Whether the person has already received community-based services in a deinstitutionalisation (DI) project.',
  },
  nskAsChild: {
    lv: 'Vai princips „nauda seko klientam” personai tika piemērots, kad tā bija bērns.',
    en: 'Whether "money follows the client" was applied to the person as a child.',
  },
  residence: {
    lv: 'Kur persona dzīvo vērtējamā laikā.',
    en: 'Where the person lives at the time evaluated.',
  },
  supportPlanDate: {
    lv: 'Diena, kad veikta personas izvērtēšana un izstrādāts atbalsta plāns.',
    en: "The day the person's assessment and support plan were done.",
  },
  diServicesStartedOn: {
    lv: 'Pirmā diena, par kuru DI projekts kompensēja kādu personas pakalpojumu.',
    en: 'The first day a DI project compensated a service for the person.',
  },
  pensionAgeReached: {
    lv: 'Vai persona ir sasniegusi valsts vecuma pensijas vecumu.',
    en: 'Whether the person has reached state pension age.',
  },
  services: {
    lv: 'Pakalpojumi, kas noteikti personas plānā (sociālās aprūpes vai rehabilitācijas plānā), kas tos finansē un, ja pakalpojumu pašvaldībai kompensē DI projekts, līdz kurai dienai.',
    en: "The services set in the person's plan (social care or rehabilitation plan), who funds them and, if a DI project compensates the municipality for one, until which day.",
  },
};

/** Labels and help for the parts of object and list facts. @type {Record<string, { label: Localised, help?: Localised }>} */
export const FACT_PART_WORDS = {
  'vsacExit.date': {
    label: { lv: 'Pēdējā diena, kad persona saņēma VSAC pakalpojumu', en: 'Last day the person received the VSAC service' },
    help: {
      lv: 'Norādiet pēdējo pakalpojuma dienu, nevis nākamo: ja persona aizgāja 31. martā, ierakstiet 31. martu. Tiesības var sākties ne agrāk kā nākamajā dienā (A3).',
      en: 'Give the last day of the service, not the day after: if the person left on 31 March, enter 31 March. Eligibility can start the next day at the earliest (A3).',
    },
  },
  'vsacExit.service': { label: { lv: 'Kāds VSAC pakalpojums beidzās', en: 'Which VSAC service ended' } },
  'conditions.type': { label: { lv: 'Traucējuma veids', en: 'Type of condition' } },
  'conditions.severity': { label: { lv: 'Smagums', en: 'Severity' } },
  'services.type': { label: { lv: 'Pakalpojums', en: 'Service' } },
  'services.inPlan': { label: { lv: 'Noteikts personas plānā', en: "Set in the person's plan" } },
  'services.funding': { label: { lv: 'Kas finansē', en: 'Who funds it' } },
  'services.diCompensatedUntil': {
    label: { lv: 'DI projekts to kompensē līdz (nav obligāti)', en: 'A DI project compensates it until (optional)' },
    help: {
      lv: 'Pēdējā diena, par kuru DI projekts pašvaldībai kompensē šo pakalpojumu; NSK to var skaitīt no nākamās dienas (E3). Atstājiet tukšu, ja DI projekts to nekompensē.',
      en: 'The last day for which a DI project compensates the municipality for this service; NSK can count it from the next day (E3). Leave empty if no DI project compensates it.',
    },
  },
  'costs.diCompensatedUntil': {
    label: { lv: 'DI projekts to kompensē līdz (nav obligāti)', en: 'A DI project compensates it until (optional)' },
    help: {
      lv: 'Rindas dienas līdz šai dienai (ieskaitot) NSK neskaita (E3). Atstājiet tukšu, ja DI projekts šo pakalpojumu nekompensē.',
      en: "The line's days up to this day (inclusive) count nothing for NSK (E3). Leave empty if no DI project compensates this service.",
    },
  },
};

/**
 * Facts every request carries whatever the programme reads: the contract requires the person's birth date
 * everywhere (a programme whose rules never read it does not list it, yet the service still asks for it).
 * @type {Array<import('./fact-fields.js').Fact>}
 */
export const CONTRACT_FACTS = [{ name: 'birthDate', type: 'date', in: 'person', required: true, title: { lv: 'Dzimšanas datums', en: 'Date of birth' } }];
