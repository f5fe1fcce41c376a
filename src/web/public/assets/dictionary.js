// @ts-check
/**
 * Every word the page itself says, in Latvian and English. Words from the rules (titles, help, sources) come from
 * the service; words for contract values are in value-labels.js.
 */

/** @typedef {import('./language.js').Localised} Localised */

export const WORDS = {
  siteTitle: { lv: 'Sociālo pakalpojumu finansējuma noteikumi', en: 'Social service funding rules' },
  siteIntro: {
    lv: 'Sabiedrībā balstītu sociālo pakalpojumu (SBSP) valsts finansējuma noteikumi: tiesību pārbaude, kompensācijas aprēķins un noteikumu pārlūks — sociālajiem darbiniekiem un politikas plānotājiem.',
    en: 'The state funding rules of community-based social services (SBSP): eligibility check, compensation calculator and rules browser — for caseworkers and policy officers.',
  },
  skipToContent: { lv: 'Pāriet uz saturu', en: 'Skip to content' },
  languageGroup: { lv: 'Valoda', en: 'Language' },
  toolsNavigation: { lv: 'Rīki', en: 'Tools' },
  footerOffline: { lv: 'Lapa darbojas bez interneta: visu sniedz šis serviss.', en: 'The page needs no internet: everything comes from this service.' },
  footerApi: { lv: 'API apraksts (OpenAPI)', en: 'API description (OpenAPI)' },
  loading: { lv: 'Ielādē…', en: 'Loading…' },
  required: { lv: '(obligāts)', en: '(required)' },
  choose: { lv: '— izvēlieties —', en: '— choose —' },
  notGiven: { lv: '— nav norādīts —', en: '— not given —' },
  yes: { lv: 'Jā', en: 'Yes' },
  no: { lv: 'Nē', en: 'No' },
  unknownAnswer: { lv: 'Nav zināms', en: 'Not known' },

  eligibilityTab: { lv: 'Tiesību pārbaude', en: 'Eligibility check' },
  compensationTab: { lv: 'Kompensācijas aprēķins', en: 'Compensation calculator' },
  rulesTab: { lv: 'Noteikumu pārlūks', en: 'Rules browser' },

  eligibilityIntro: {
    lv: 'Izvēlieties programmu, dienu vai periodu un ievadiet personas faktus. Atbilde parāda, vai persona ir tiesīga, uz kāda pamata vai kas traucē, un katru pārbaudīto noteikumu ar redzēto vērtību un tiesību avotu.',
    en: "Choose a programme, a day or a period, and enter the person's facts. The answer shows whether the person is eligible, on which basis or what stands in the way, and every rule checked with the value it saw and its legal source.",
  },
  programmeLegend: { lv: 'Programma', en: 'Programme' },
  programmeLabel: { lv: 'Programma', en: 'Programme' },
  whenLegend: { lv: 'Kad?', en: 'When?' },
  onOneDay: { lv: 'Vienā dienā', en: 'On one day' },
  overPeriod: { lv: 'Periodā (atbilde katrai dienai)', en: 'Over a period (an answer for each day)' },
  dayLabel: { lv: 'Diena', en: 'Day' },
  fromLabel: { lv: 'No', en: 'From' },
  toLabel: { lv: 'Līdz', en: 'To' },
  periodHelp: {
    lv: 'Periodu sadala posmos, kuros atbilde un noteikumu versija ir vienāda (piemēram, dzimšanas diena vai diena pēc VSAC pakalpojuma beigām sāk jaunu posmu).',
    en: 'The period is cut into segments with the same answer and rule version (a birthday, or the day after the VSAC service ended, can start a new one).',
  },
  asOfLabel: { lv: 'Noteikumi, kas bija pieņemti līdz (nav obligāti)', en: 'Rules as adopted by (optional)' },
  asOfHelp: {
    lv: 'Atbild ar tām noteikumu versijām, kas bija pieņemtas līdz šai dienai, — lai redzētu lēmumu tā, kā to būtu pieņēmuši toreiz.',
    en: 'Answers with the rule versions adopted by this day — to see a decision as it would have been made then.',
  },
  personLegend: { lv: 'Persona un pakalpojumi', en: 'The person and their services' },
  personHelp: {
    lv: 'Lauki atbilst tam, ko izmanto izvēlētās programmas noteikumi.',
    en: "The fields are those the chosen programme's rules read.",
  },
  checkButton: { lv: 'Pārbaudīt tiesības', en: 'Check eligibility' },
  checking: { lv: 'Notiek pārbaude…', en: 'Checking…' },

  answerHeading: { lv: 'Atbilde', en: 'Answer' },
  basisHeading: { lv: 'Pamats', en: 'Basis' },
  noBasis: { lv: 'Persona neatbilst nevienai mērķa grupai vai paplašinājumam.', en: 'The person meets no target group or extension.' },
  blockersHeading: { lv: 'Kas traucē', en: 'What stands in the way' },
  noBlockers: { lv: 'Nekas netraucē.', en: 'Nothing stands in the way.' },
  untitledCondition: { lv: 'Kopīgs nosacījums', en: 'A shared condition' },
  decidedByFacts: { lv: 'Noteica:', en: 'Decided by:' },
  whatWouldChangeHeading: { lv: 'Kas to mainītu', en: 'What would change it' },
  ruleVersion: { lv: 'Noteikumu versija', en: 'Rule version' },
  decisionId: { lv: 'Lēmuma identifikators', en: 'Decision id' },
  asOfShort: { lv: 'Noteikumu stāvoklis', en: 'Rules as known' },
  explanationHeading: { lv: 'Kā tas noteikts: katrs noteikums', en: 'How it was decided: every rule' },
  explanationKey: {
    lv: '✓ izpildās · ✗ neizpildās · ⤼ izlaists (lēmumam nebija vajadzīgs, bet pārbaudīts)',
    en: '✓ holds · ✗ does not hold · ⤼ skipped (not needed for the decision, but checked)',
  },
  segmentsHeading: { lv: 'Posmi', en: 'Segments' },
  timelineLabel: { lv: 'Perioda laika josla', en: 'Timeline of the period' },
  segmentExplanation: { lv: 'Skaidrojums (posma pirmajā dienā)', en: "Explanation (on the segment's first day)" },
  eligibleWord: { lv: 'tiesīga', en: 'eligible' },
  notEligibleWord: { lv: 'nav tiesīga', en: 'not eligible' },
  sourceLabel: { lv: 'Avots:', en: 'Source:' },
  valueSeen: { lv: 'redzētā vērtība', en: 'value seen' },
  holds: { lv: 'izpildās', en: 'holds' },
  doesNotHold: { lv: 'neizpildās', en: 'does not hold' },
  skipped: { lv: 'izlaists', en: 'skipped' },
  allOf: { lv: 'visi šie:', en: 'all of these:' },
  anyOf: { lv: 'vismaz viens no šiem:', en: 'at least one of these:' },
  notThat: { lv: 'nav tā, ka:', en: 'not the case that:' },
  orWord: { lv: ' vai ', en: ' or ' },
  evaluatedDay: { lv: 'vērtējamā diena', en: 'the evaluated day' },
  nothing: { lv: 'nav', en: 'none' },
  emptyList: { lv: 'neviena', en: 'none' },

  kindBasis: { lv: 'Mērķa grupa vai paplašinājums', en: 'Target group or extension' },
  kindRequirement: { lv: 'Prasība', en: 'Requirement' },
  kindExclusion: { lv: 'Izņēmums', en: 'Exclusion' },
  basisMet: { lv: 'Izpildās — pamats', en: 'Met — a basis' },
  basisNotMet: { lv: 'Neizpildās', en: 'Not met' },
  requirementMet: { lv: 'Prasība izpildīta', en: 'Requirement met' },
  requirementNotMet: { lv: 'Prasība nav izpildīta — traucē', en: 'Requirement not met — blocks' },
  exclusionApplies: { lv: 'Izņēmums attiecas — traucē', en: 'Exclusion applies — blocks' },
  exclusionDoesNotApply: { lv: 'Izņēmums neattiecas', en: 'Exclusion does not apply' },

  checkInput: { lv: 'Pārbaudiet ievadīto', en: 'Please check what you entered' },
  fieldProblem: { lv: 'Kļūda:', en: 'Error:' },
  serviceSaid: { lv: 'Servisa ziņa (tehniskā, angļu valodā)', en: "The service's own message (technical)" },
  noVersionAdvice: {
    lv: 'Pārbaudiet dienu vai periodu (un „noteikumi, kas bija pieņemti līdz”, ja norādīts): noteikumi ir spēkā tikai savas versijas dienās.',
    en: 'Check the day or period (and "rules as adopted by", if given): rules apply only on the days of their versions.',
  },
  serviceUnavailable: { lv: 'Serviss pašlaik nevar atbildēt', en: 'The service cannot answer just now' },
  tryAgainLater: {
    lv: 'Mēģiniet vēlreiz pēc brīža. Ja tas atkārtojas, sazinieties ar servisa uzturētāju.',
    en: 'Try again in a moment. If it happens again, contact the service’s operator.',
  },
  noVersionInForce: { lv: 'Šai dienai nav spēkā esošas noteikumu versijas', en: 'No rule version is in force on this day' },
  unknownProgramme: { lv: 'Nezināma programma', en: 'Unknown programme' },
  tooLarge: { lv: 'Pieprasījums ir pārāk liels', en: 'The request is too large' },
  needsToken: { lv: 'Šim pieprasījumam vajadzīga API atslēga', en: 'This request needs an API token' },
  tokenRefused: { lv: 'Šai API atslēgai to darīt nav atļauts', en: 'This API token may not do this' },
  tokenLabel: { lv: 'API atslēga', en: 'API token' },
  tokenHelp: {
    lv: 'Atslēgu izsniedz servisa uzturētājs. Lapa to glabā tikai šajā pārlūka cilnē, līdz tā tiek aizvērta.',
    en: "The service's operator issues tokens. The page keeps it in this browser tab only, until the tab is closed.",
  },
  tokenRetry: { lv: 'Saglabāt un mēģināt vēlreiz', en: 'Save and try again' },
  unreachable: {
    lv: 'Serviss nav sasniedzams. Pārbaudiet savienojumu un mēģiniet vēlreiz.',
    en: 'The service cannot be reached. Check the connection and try again.',
  },
  invalidJson: { lv: 'nav derīgs JSON', en: 'is not valid JSON' },
  notANumber: { lv: 'jābūt skaitlim', en: 'must be a number' },

  compensationIntro: {
    lv: 'Aprēķina, cik valsts kompensē pašvaldībai par periodu. Dienas, kas tiek skaitītas, ir personas tiesīgās dienas pēc programmas noteikumiem; aprēķina veidu un likmes nosaka spēkā esošā noteikumu versija.',
    en: "Works out how much the state compensates the municipality for a period. The days that count are the person's eligible days under the programme's rules; the rule version in force sets the kind of calculation and its rates.",
  },
  compensationProgrammes: { lv: 'Piedāvātas programmas, kuru noteikumos ir kompensācija.', en: 'Offered: the programmes whose rules include compensation.' },
  periodLegend: { lv: 'Periods', en: 'Period' },
  halfYearHelp: {
    lv: 'Kompensāciju pieprasa reizi pusgadā: aprēķina periods ir viens vesels kalendāra pusgads (1. janvāris–30. jūnijs vai 1. jūlijs–31. decembris).',
    en: 'Compensation is claimed once per half-year: the period is one whole calendar half-year (1 January–30 June or 1 July–31 December).',
  },
  yearLabel: { lv: 'Gads', en: 'Year' },
  halfLabel: { lv: 'Pusgads', en: 'Half-year' },
  firstHalf: { lv: '1. pusgads (1. janvāris–30. jūnijs)', en: 'First half (1 January–30 June)' },
  secondHalf: { lv: '2. pusgads (1. jūlijs–31. decembris)', en: 'Second half (1 July–31 December)' },
  requiredWord: { lv: 'jānorāda', en: 'is required' },
  yearProblem: { lv: 'jānorāda gads ar četriem cipariem, piemēram, 2024', en: 'give the year in four digits, e.g. 2024' },
  approvedOnLabel: { lv: 'Pārskata apstiprināšanas diena (nav obligāti)', en: 'Day the report was approved (optional)' },
  rateTierLabel: { lv: 'Likme', en: 'Rate' },
  oneRate: { lv: '— viena likme —', en: '— single rate —' },
  provisionLabel: { lv: 'Kā nodrošināts', en: 'How provided' },
  unitsLabel: { lv: 'Vienību skaits', en: 'Number of units' },
  unitsHelp: {
    lv: 'Dienas, stundas vai nodarbības — kā pakalpojumu skaita; līdz diviem cipariem aiz komata (21,5 vai 21.5).',
    en: 'Days, hours or sessions — as the service is counted; up to two decimals (21.5 or 21,5).',
  },
  actualCostLabel: { lv: 'Faktiskās izmaksas, EUR', en: 'Actual cost, EUR' },
  actualCostHelp: { lv: 'Jānorāda, ja pakalpojums iepirkts.', en: 'Needed when the service is procured.' },
  amountLabel: { lv: 'Summa, EUR', en: 'Amount, EUR' },
  approvedOnHelp: { lv: 'Ja norādīta, aprēķina maksājuma termiņu darbdienās.', en: 'When given, the payment deadline is counted in working days from it.' },
  costsLegend: { lv: 'Pašvaldības izmaksas', en: "The municipality's costs" },
  costsHelp: {
    lv: 'Katra rinda: pakalpojums, dienas, ko tā aptver, summa eiro (620,00 vai 620.00) un vai pakalpojums ir noteikts personas plānā. Rinda, kas šķērso tiesību robežu, tiek ieskaitīta proporcionāli dienām.',
    en: "Each line: a service, the days it covers, the amount in euros (620.00 or 620,00) and whether the service is set in the person's plan. A line that crosses an eligibility boundary counts pro rata by days.",
  },
  deliveriesLegend: { lv: 'Sniegtie pakalpojumi', en: 'Services delivered' },
  deliveriesHelp: {
    lv: 'Katra rinda: pakalpojums, dienas un vienību skaits (dienas, stundas vai nodarbības — kā pakalpojumam noteikts). Iepirktam pakalpojumam norādiet faktiskās izmaksas.',
    en: 'Each line: a service, its days and the number of units (days, hours or sessions, as the service is counted). For a procured service give the actual cost.',
  },
  serviceLinesLegend: { lv: 'Sniegtie pakalpojumi (individuālais budžets)', en: 'Services delivered (individual budget)' },
  serviceLinesHelp: {
    lv: 'Katra rinda: pakalpojums, dienas, vienību skaits un kas to finansē. Pakalpojumam ar definētu cenu norādiet cenu; bez tās, ja DI projekts to līdz šim apmaksāja pēc vienas vienības izmaksām, atzīmējiet to — cenu ņem no DI noteikumu vienības izmaksām, kas spēkā rindas dienās.',
    en: "Each line: a service, its days, the number of units and who funds it. For a service with a defined price give the price; without one, if the DI project paid it at unit cost until now, tick that — the price is the DI rules' unit cost in force on the line's days.",
  },
  priceLabel: { lv: 'Definētā cena par vienību, EUR (nav obligāti)', en: 'Defined price per unit, EUR (optional)' },
  priceHelp: { lv: 'Tikai, ja pakalpojumam ir definēta cena.', en: 'Only if the service has a defined price.' },
  diPaidAtUnitCostLabel: {
    lv: 'Cenas nav; DI projekts to apmaksāja pēc vienas vienības izmaksām',
    en: 'No defined price; the DI project paid it at unit cost',
  },
  diPaidAtUnitCostHelp: {
    lv: 'Rindu apmaksā pēc DI noteikumu vienības izmaksām, kas spēkā tās dienās (IB3); summu nenorāda.',
    en: "The line is paid at the DI rules' unit cost in force on its days (IB3); no figure is entered.",
  },
  rateTierFromDiHelp: {
    lv: 'Tikai DI divu likmju pakalpojumiem, ja cenu ņem no DI vienības izmaksām.',
    en: "Only for DI's two-rate services, when the price is DI's unit cost.",
  },
  remoteLabel: { lv: 'Sniegts attālināti', en: 'Delivered remotely' },
  providerLabel: { lv: 'Kas sniedza (attālinātam pakalpojumam)', en: 'Who provided it (remote delivery)' },
  providerHelp: { lv: 'No tā atkarīgs, kā attālinātais pakalpojums dokumentējams (RM2).', en: 'How a remote service must be documented depends on it (RM2).' },
  evidenceLegend: { lv: 'Attālinātā pakalpojuma pierādījumi', en: 'Evidence for remote delivery' },
  evidenceHelp: {
    lv: 'Atzīmējiet, kas ir dokumentēts. Neatzīmētais skaitās kā nav.',
    en: 'Tick what is documented. What is not ticked counts as absent.',
  },
  priceColumn: { lv: 'Cena', en: 'Price' },
  paidDaysColumn: { lv: 'Apmaksātās dienas', en: 'Days paid' },
  priceDefined: { lv: 'definētā cena', en: 'defined price' },
  priceFromDi: { lv: 'DI vienības izmaksas', en: "DI's unit cost" },
  noPrice: { lv: 'nav cenas', en: 'no price' },
  remoteWord: { lv: 'attālināti', en: 'remote' },
  linesJsonLegend: { lv: 'Rindas', en: 'Lines' },
  linesJsonLabel: { lv: 'Rindas JSON formātā', en: 'Lines as JSON' },
  addLine: { lv: 'Pievienot rindu', en: 'Add a line' },
  addCondition: { lv: 'Pievienot traucējumu', en: 'Add a condition' },
  addService: { lv: 'Pievienot pakalpojumu', en: 'Add a service' },
  remove: { lv: 'Noņemt', en: 'Remove' },
  calculateButton: { lv: 'Aprēķināt', en: 'Calculate' },
  calculating: { lv: 'Notiek aprēķins…', en: 'Calculating…' },
  calculationHeading: { lv: 'Aprēķins', en: 'Calculation' },
  eligibleCost: { lv: 'Attiecināmās izmaksas', en: 'Eligible cost' },
  cap: { lv: 'Griesti', en: 'Cap' },
  compensationTotal: { lv: 'Kompensācija', en: 'Compensation' },
  compensationRule: { lv: 'mazākā no attiecināmajām izmaksām un griestiem', en: 'the lesser of the eligible cost and the cap' },
  claimPeriod: { lv: 'Pusgads', en: 'Half-year' },
  reportDue: { lv: 'Pārskats jāiesniedz līdz', en: 'Report due by' },
  paymentDue: { lv: 'Maksājuma termiņš', en: 'Payment due by' },
  linesHeading: { lv: 'Rindas', en: 'Lines' },
  lineNumber: { lv: 'Nr.', en: 'No.' },
  serviceColumn: { lv: 'Pakalpojums', en: 'Service' },
  periodColumn: { lv: 'Dienas', en: 'Days' },
  amountColumn: { lv: 'Summa', en: 'Amount' },
  countedDaysColumn: { lv: 'Ieskaitītās dienas', en: 'Days counted' },
  eligibleAmountColumn: { lv: 'Attiecināmā summa', en: 'Eligible amount' },
  decidedByColumn: { lv: 'Ko noteica', en: 'Decided by' },
  unitsColumn: { lv: 'Vienības', en: 'Units' },
  unitCostColumn: { lv: 'Vienības izmaksas', en: 'Unit cost' },
  paidUnitsColumn: { lv: 'Apmaksātās vienības', en: 'Units paid' },
  notPaidColumn: { lv: 'Neapmaksātās dienas', en: 'Days not paid' },
  total: { lv: 'Kopā', en: 'Total' },
  capMonthsCaption: { lv: 'Griestu aprēķins pa mēnešiem', en: 'The cap month by month' },
  monthColumn: { lv: 'Mēnesis', en: 'Month' },
  eligibleDaysColumn: { lv: 'Tiesīgās dienas', en: 'Eligible days' },
  daysInMonthColumn: { lv: 'Dienas mēnesī', en: 'Days in month' },
  annualAmountColumn: { lv: 'Gada summa', en: 'Annual amount' },
  versionColumn: { lv: 'Versija', en: 'Version' },
  allPaid: { lv: 'visas apmaksātas', en: 'all paid' },
  calculationSteps: { lv: 'Aprēķina soļi', en: 'Steps of the calculation' },

  openQuestion: { lv: 'Atklāts jautājums', en: 'Open question' },
  otherReading: { lv: 'Cits iespējamais lasījums:', en: 'Another possible reading:' },
  passage: { lv: 'Avota vieta:', en: 'Passage:' },
  openQuestionsHeading: { lv: 'Atklātie jautājumi', en: 'Open questions' },
  openQuestionsHelp: {
    lv: 'Vietas, kur avoti pieļauj citu lasījumu: noteikumi izmanto pieņēmumu, ko politikas plānotājs var pārslēgt uz otru lasījumu.',
    en: 'Where the sources allow another reading: the rules follow an assumption an officer can switch to the other reading.',
  },
  noOpenQuestions: { lv: 'Šai programmai nav atklātu jautājumu.', en: 'This programme has no open questions.' },
  inVersions: { lv: 'Versijas:', en: 'Versions:' },
  restsOn: { lv: 'Uz to balstās:', en: 'Rests on it:' },
  claimPeriodWords: { lv: 'Pieprasīšanas periods: viens kalendāra pusgads', en: 'Claim period: one calendar half-year' },
  diUnitCostsWords: { lv: 'Cena bez definētas cenas: vienības izmaksas no programmas', en: 'Price without a defined price: the unit costs of programme' },
  assumptionsColumn: { lv: 'Pieņēmumi', en: 'Assumptions' },

  rulesIntro: {
    lv: 'Programmas, to atklātie jautājumi, noteikumu versijas laika gaitā un katras versijas noteikumi, parametri, pieņēmumi un avoti. Divas versijas var salīdzināt.',
    en: "The programmes, their open questions, their rule versions over time, and each version's rules, parameters, assumptions and sources. Two versions can be compared.",
  },
  programmesHeading: { lv: 'Programmas', en: 'Programmes' },
  versionTimeline: { lv: 'Versiju laika josla', en: 'Version timeline' },
  inForce: { lv: 'spēkā', en: 'in force' },
  adopted: { lv: 'pieņemta', en: 'adopted' },
  sourcesHeading: { lv: 'Avoti', en: 'Sources' },
  parametersHeading: { lv: 'Parametri', en: 'Parameters' },
  assumptionsHeading: { lv: 'Pieņēmumi', en: 'Assumptions' },
  rulesHeading: { lv: 'Noteikumi', en: 'Rules' },
  namedConditionsHeading: { lv: 'Kopīgie nosacījumi', en: 'Named conditions' },
  compensationHeading: { lv: 'Kompensācijas iestatījumi', en: 'Compensation settings' },
  factsHeading: { lv: 'Fakti, ko noteikumi izmanto', en: 'Facts the rules read' },
  derivedFact: { lv: 'atvasināts katrai dienai', en: 'derived for each day' },
  idColumn: { lv: 'Id', en: 'Id' },
  documentColumn: { lv: 'Dokuments', en: 'Document' },
  citationColumn: { lv: 'Atsauce', en: 'Citation' },
  nameColumn: { lv: 'Nosaukums', en: 'Name' },
  valueColumn: { lv: 'Vērtība', en: 'Value' },
  sourceColumn: { lv: 'Avots', en: 'Source' },
  typeColumn: { lv: 'Veids', en: 'Type' },
  fileLabel: { lv: 'Fails', en: 'File' },
  compareHeading: { lv: 'Salīdzināt versijas', en: 'Compare versions' },
  oldVersion: { lv: 'Vecā versija', en: 'Old version' },
  newVersion: { lv: 'Jaunā versija', en: 'New version' },
  compareButton: { lv: 'Salīdzināt', en: 'Compare' },
  onlyOneVersion: { lv: 'Programmai ir tikai viena versija — nav ar ko salīdzināt.', en: 'This programme has only one version — nothing to compare.' },
  changedParameters: { lv: 'Mainītie parametri', en: 'Changed parameters' },
  diffDetails: { lv: 'Izmaiņas sīkāk (kā tās rāda sbsp-rules diff)', en: 'The changes in detail (as sbsp-rules diff shows them)' },
  diffDetailsNote: { lv: 'Nosacījumu izmaiņas aprakstītas angliski, kā pārskatīšanas rīkā.', en: 'Changes of conditions are worded as in the review tool.' },
  usedBy: { lv: 'lieto', en: 'used by' },
  changedRules: { lv: 'Mainītie noteikumi', en: 'Changed rules' },
  noParameterChanged: { lv: 'Neviens parametrs nav mainīts.', en: 'No parameter changed.' },
  noRuleChanged: { lv: 'Neviens noteikums nav mainīts.', en: 'No rule changed.' },
  added: { lv: 'pievienots', en: 'added' },
  removed: { lv: 'noņemts', en: 'removed' },
  changed: { lv: 'mainīts', en: 'changed' },
  sameVersion: { lv: 'Izvēlieties divas dažādas versijas.', en: 'Choose two different versions.' },

  decisionsTab: { lv: 'Lēmumi', en: 'Decisions' },
  decisionsIntro: {
    lv: 'Pieņemto lēmumu meklēšana auditoriem: katrs tiesību un kompensācijas aprēķina lēmums, ko serviss ir pieņēmis, ar tā pilno ierakstu un iespēju to atkārtot ar tiem pašiem noteikumu failiem. Sociālie darbinieki un amatpersonas redz savas pašvaldības lēmumus.',
    en: 'A search of the decisions made, for auditors: every eligibility and compensation decision the service has made, with its full record and a replay with the same rule files. Caseworkers and officers see their own municipality’s decisions.',
  },
  anyProgramme: { lv: '— visas programmas —', en: '— every programme —' },
  municipalityLabel: { lv: 'Pašvaldība (nav obligāti)', en: 'Municipality (optional)' },
  municipalityHelp: {
    lv: 'Tā, kā tā nosaukta API atslēgā, ar kuru lēmums pieņemts, piemēram, riga. Sociālajam darbiniekam — tikai sava.',
    en: 'As the API token the decision was made with names it, e.g. riga. A caseworker may name only their own.',
  },
  decidedFromLabel: { lv: 'Pieņemts no (nav obligāti)', en: 'Decided from (optional)' },
  decidedToLabel: { lv: 'Pieņemts līdz (nav obligāti)', en: 'Decided until (optional)' },
  decidedDatesHelp: { lv: 'Lēmuma diena pēc UTC laika; abas dienas ieskaitot.', en: 'The day of the decision in UTC; both days included.' },
  outcomeFilterLabel: { lv: 'Tiesību lēmuma iznākums', en: 'Outcome of an eligibility decision' },
  anyOutcome: { lv: '— jebkurš —', en: '— any —' },
  searchButton: { lv: 'Meklēt lēmumus', en: 'Search decisions' },
  searching: { lv: 'Meklē…', en: 'Searching…' },
  decisionsFound: { lv: 'Atrastie lēmumi', en: 'Decisions found' },
  decisionsTable: { lv: 'Atrasto lēmumu tabula', en: 'Table of the decisions found' },
  noDecisionFound: { lv: 'Neviens lēmums neatbilst meklētajam.', en: 'No decision matches the search.' },
  moreDecisions: { lv: 'Rādīt vēl', en: 'Show more' },
  timeColumn: { lv: 'Laiks (UTC)', en: 'Time (UTC)' },
  questionColumn: { lv: 'Jautājums', en: 'Question' },
  outcomeColumn: { lv: 'Iznākums', en: 'Outcome' },
  municipalityColumn: { lv: 'Pašvaldība', en: 'Municipality' },
  actionsColumn: { lv: 'Darbības', en: 'Actions' },
  eligibilityQuestion: { lv: 'Tiesības', en: 'Eligibility' },
  compensationQuestion: { lv: 'Kompensācija', en: 'Compensation' },
  developmentMode: { lv: '— (izstrādes režīms)', en: '— (development mode)' },
  showRecord: { lv: 'Ieraksts', en: 'Record' },
  replayDecision: { lv: 'Atkārtot', en: 'Replay' },
  recordHeading: { lv: 'Lēmuma ieraksts', en: 'The decision record' },
  replayHeading: { lv: 'Lēmuma atkārtojums', en: 'The decision replayed' },
  madeBy: { lv: 'Pieņēma', en: 'Made by' },
  wholeRecord: { lv: 'Viss ieraksts ar atbildi (JSON)', en: 'The whole record with its answer (JSON)' },
  answerLabel: { lv: 'Atbilde', en: 'Answer' },
  answerMadeAgain: { lv: 'izveidota no jauna un sakrīt ar nosūtīto', en: 'made again, identical to the answer sent' },
  answerDiffersFromSent: { lv: 'izveidota no jauna, bet atšķiras no nosūtītās', en: 'made again, but it differs from the answer sent' },
  answerNotMadeAgain: { lv: 'nav izveidojama no jauna', en: 'cannot be made again' },
  replayIdentical: {
    lv: 'Atkārtojot ar tiem pašiem noteikumu failiem, atbilde ir tieši tāda pati.',
    en: 'Made again with the same rule files, the answer is identical.',
  },
  replayDiffers: {
    lv: 'Atkārtojot ar tiem pašiem noteikumu failiem, atbilde atšķiras:',
    en: 'Made again with the same rule files, the answer differs:',
  },
  differencePath: { lv: 'Vieta atbildē', en: 'Place in the answer' },
  recordedValue: { lv: 'Ierakstītā vērtība', en: 'Recorded value' },
  replayedValue: { lv: 'Atkārtojumā', en: 'On replay' },
  absentValue: { lv: '(nav)', en: '(absent)' },
  decisionsForbiddenHelp: {
    lv: 'Lēmumus redz auditori (visus) un sociālie darbinieki un amatpersonas (tikai savas pašvaldības). Ja meklējāt citas pašvaldības lēmumus, notīriet lauku „Pašvaldība” vai izmantojiet auditora API atslēgu.',
    en: 'Auditors see every decision; caseworkers and officers only their own municipality’s. If you searched another municipality’s decisions, clear the “Municipality” field or use an auditor’s API token.',
  },
};

/** Words with something put in them. */
export const PHRASES = {
  /** @param {Localised} day */
  eligibleOn: (day) => ({ lv: `Persona ir tiesīga ${day.lv}`, en: `The person is eligible on ${day.en}` }),
  /** @param {Localised} day */
  notEligibleOn: (day) => ({ lv: `Persona nav tiesīga ${day.lv}`, en: `The person is not eligible on ${day.en}` }),
  /** @param {Localised} day */
  eligibleUntil: (day) => ({ lv: `Tiesīga līdz ${day.lv}`, en: `Eligible until ${day.en}` }),
  /** @param {Localised} day */
  sameUntil: (day) => ({ lv: `Tiesīga uz šī pamata līdz ${day.lv}`, en: `Eligible on this basis until ${day.en}` }),
  /** @param {Localised} day */
  eligibleFrom: (day) => ({ lv: `Ar tiem pašiem faktiem tiesīga no ${day.lv}`, en: `With the same facts, eligible from ${day.en}` }),
  /** @param {Localised} day */
  notEligibleUntilChange: (day) => ({ lv: `Nav tiesīga šo iemeslu dēļ līdz ${day.lv}`, en: `Not eligible for these reasons until ${day.en}` }),
  /** @param {Localised} day */
  eligibleBeyond: (day) => ({
    lv: `Ar šiem faktiem tiesīga vismaz līdz ${day.lv} (tālāk serviss neskatās)`,
    en: `With these facts eligible at least until ${day.en} (the service looks no further)`,
  }),
  /** @param {Localised} day */
  notEligibleBeyond: (day) => ({
    lv: `Ar šiem faktiem atbilde nemainās vismaz līdz ${day.lv}`,
    en: `With these facts the answer does not change until at least ${day.en}`,
  }),
  /** @param {Localised} day */
  noVersionFrom: (day) => ({ lv: `No ${day.lv} nav spēkā esošas noteikumu versijas.`, en: `From ${day.en} no rule version is in force.` }),
  /** @param {Localised} day @param {Localised} refs */
  basisFrom: (day, refs) => ({ lv: `No ${day.lv} pamats: ${refs.lv}.`, en: `From ${day.en} the basis is: ${refs.en}.` }),
  /** @param {Localised} day @param {Localised} refs */
  blockedFrom: (day, refs) => ({ lv: `No ${day.lv} traucē: ${refs.lv}.`, en: `From ${day.en} in the way: ${refs.en}.` }),
  /** @param {number} count */
  allRulesChecked: (count) => ({
    lv: `Kā tas noteikts: visi ${count} pārbaudītie noteikumi ar redzētajām vērtībām`,
    en: `How it was decided: all ${count} rules checked, with the values seen`,
  }),
  /** @param {Localised} period */
  eligibleThroughout: (period) => ({ lv: `Persona ir tiesīga visā periodā ${period.lv}`, en: `The person is eligible throughout ${period.en}` }),
  /** @param {Localised} period */
  eligibleOnNoDay: (period) => ({ lv: `Persona nav tiesīga nevienā dienā periodā ${period.lv}`, en: `The person is not eligible on any day of ${period.en}` }),
  /** @param {number} eligible @param {number} all @param {Localised} period */
  eligibleOnSomeDays: (eligible, all, period) => ({
    lv: `Persona ir tiesīga ${eligible} no ${all} dienām periodā ${period.lv}`,
    en: `The person is eligible on ${eligible} of ${all} days of ${period.en}`,
  }),
  /** @param {number} number @param {Localised} period @param {Localised} days */
  segmentHeading: (number, period, days) => ({ lv: `${number}. posms: ${period.lv} (${days.lv})`, en: `Segment ${number}: ${period.en} (${days.en})` }),
  /** @param {Localised} period */
  inForcePeriod: (period) => ({ lv: `spēkā ${period.lv}`, en: `in force ${period.en}` }),
  /** @param {Localised} day */
  adoptedOn: (day) => ({ lv: `pieņemta ${day.lv}`, en: `adopted ${day.en}` }),
  /** @param {Localised} day */
  rulesAsOf: (day) => ({ lv: `Noteikumi, kas bija pieņemti līdz ${day.lv}`, en: `Rules as adopted by ${day.en}` }),
  /** @param {string} rule */
  explainedIn: (rule) => ({ lv: `(kā paskaidrots pie ${rule})`, en: `(as explained under ${rule})` }),
  /** @param {Localised} status @param {Localised} result */
  skippedWithResult: (status, result) => ({ lv: `${status.lv} (${result.lv})`, en: `${status.en} (${result.en})` }),
  /** @param {string[]} ids */
  assumptionsNamed: (ids) => ({ lv: `Pieņēmumi: ${ids.join(', ')}`, en: `Assumptions: ${ids.join(', ')}` }),
  /** @param {number} count @param {number} open */
  assumptionsOfAnswer: (count, open) => ({
    lv: `Pieņēmumi, uz kuriem balstās atbilde: ${count}${open > 0 ? `, no tiem atklāti jautājumi: ${open}` : ''}`,
    en: `Assumptions the answer rests on: ${count}${open > 0 ? `, open questions among them: ${open}` : ''}`,
  }),
  /** @param {Localised} services */
  twoRatesFromDi: (services) => ({
    lv: `Ja cenu ņem no DI vienības izmaksām, divas likmes (zemākā un augstākā) ir šiem pakalpojumiem: ${services.lv}. Citiem likmi neizvēlas.`,
    en: `When the price is DI's unit cost, these services have two rates (lower and higher): ${services.en}. Choose no rate for the others.`,
  }),
  /** @param {number} number */
  lineLegend: (number) => ({ lv: `${number}. rinda`, en: `Line ${number}` }),
  /** @param {Localised} what */
  removeWhat: (what) => ({ lv: `Noņemt: ${what.lv}`, en: `Remove ${what.en.charAt(0).toLowerCase()}${what.en.slice(1)}` }),
  /** @param {number} number */
  conditionLegend: (number) => ({ lv: `${number}. traucējums`, en: `Condition ${number}` }),
  /** @param {number} number */
  serviceLegend: (number) => ({ lv: `${number}. pakalpojums`, en: `Service ${number}` }),
  /** @param {number} count */
  problemsFound: (count) => ({
    lv: `Serviss atrada ${count} ${count === 1 ? 'kļūdu' : 'kļūdas'}. Tās parādītas pie laukiem.`,
    en: `The service found ${count} ${count === 1 ? 'problem' : 'problems'}. Each is shown next to its field.`,
  }),
  /** @param {number} status */
  serviceError: (status) => ({ lv: `Serviss atbildēja ar kļūdu ${status}`, en: `The service answered with error ${status}` }),
  /** @param {string} kind */
  noLineEditor: (kind) => ({
    lv: `Šim aprēķina veidam (${kind}) lapā nav rindu redaktora. Ievadiet pieprasījuma rindu lauku JSON formātā, kā to apraksta API, piemēram, {"serviceLines": [ … ]}.`,
    en: `The page has no line editor for this kind of calculation (${kind}). Enter the request's line field as JSON, as the API describes it, e.g. {"serviceLines": [ … ]}.`,
  }),
  /** @param {Localised} services */
  twoRates: (services) => ({
    lv: `Divas likmes (zemākā un augstākā) ir šiem pakalpojumiem: ${services.lv}. Citiem likmi neizvēlas.`,
    en: `These services have two rates (lower and higher): ${services.en}. Choose no rate for the others.`,
  }),
  /** @param {Localised} money */
  compensationIs: (money) => ({ lv: `Kompensācija: ${money.lv}`, en: `Compensation: ${money.en}` }),
  /** @param {number} workingDays @param {Localised} day */
  paymentRule: (workingDays, day) => ({
    lv: `${workingDays} darbdienas pēc apstiprināšanas (${day.lv})`,
    en: `${workingDays} working days after approval (${day.en})`,
  }),
  /** @param {string} share @param {Localised} annual @param {Localised} amount */
  capLimit: (share, annual, amount) => ({
    lv: `Ne vairāk kā ${share} no gada summas ${annual.lv}: ${amount.lv}`,
    en: `At most ${share} of the annual amount ${annual.en}: ${amount.en}`,
  }),
  /** @param {string} version */
  versionHeading: (version) => ({ lv: `Versija ${version}`, en: `Version ${version}` }),
  /** @param {Localised} oldValue @param {Localised} newValue */
  oldToNew: (oldValue, newValue) => ({ lv: `${oldValue.lv} → ${newValue.lv}`, en: `${oldValue.en} → ${newValue.en}` }),
  /** @param {number} count */
  decisionsShown: (count) => ({
    lv: `Parādīti ${count} ${count % 10 === 1 && count % 100 !== 11 ? 'lēmums' : 'lēmumi'}.`,
    en: `${count} ${count === 1 ? 'decision' : 'decisions'} shown.`,
  }),
  /** @param {number} count */
  moreDifferences: (count) => ({ lv: `… un vēl ${count} atšķirības`, en: `… and ${count} more differences` }),
  /** @param {string} id */
  decisionHeading: (id) => ({ lv: `Lēmums ${id}`, en: `Decision ${id}` }),
};

/** The evidence of a remote service line (IBM, amendment No 2), in words. @type {Record<string, Localised>} */
export const EVIDENCE_WORDS = {
  remoteSuitabilityAssessed: {
    lv: 'Sociālais darbinieks izvērtējis, ka attālināti saglabājas pakalpojuma kvalitāte un plānotais rezultāts',
    en: "The social worker assessed that remote delivery keeps the service's quality and planned result",
  },
  recordedInClientFile: { lv: 'Laiks un saturs ierakstīts klienta lietā', en: 'Time and content recorded in the client file' },
  providerProtocol: { lv: 'Sniedzēja protokols', en: "The provider's protocol" },
  contentInSpecialistFile: {
    lv: 'Saturs speciālista dokumentācijā (ārstniecības persona, psihologs)',
    en: "Content in the specialist's own file (medical practitioner, psychologist)",
  },
  opinionForPlan: { lv: 'Pakalpojums plānā iekļauts, lai sagatavotu speciālista atzinumu', en: "The service was planned to prepare a specialist's opinion" },
  personConsentedToOpinion: { lv: 'Persona piekritusi atzinuma iesniegšanai', en: 'The person consented to the opinion being submitted' },
  opinionSubmitted: { lv: 'Atzinums iesniegts', en: 'The opinion was submitted' },
  contentReport: { lv: 'Saturiskā atskaite (ģimenes asistents)', en: 'A content report (family assistant)' },
  attendanceMarkedRemote: { lv: 'Apmeklējumu uzskaites lapā norādīts „attālināti”', en: 'The attendance sheet marks it remote' },
  personSigned: { lv: 'Personas paraksts', en: "The person's signature" },
  screenshot: { lv: 'Ekrānattēls', en: 'A screenshot' },
  callPrintout: { lv: 'Sarunu izdruka', en: 'A call printout' },
  socialWorkerSignedWithNote: { lv: 'Sociālā darbinieka paraksts ar norādi', en: "The social worker's signature with a note" },
  durationMatchesAgreement: { lv: 'Ilgums atbilst garantijas vēstulei vai līgumam', en: 'The duration matches the guarantee letter or contract' },
};

/** Condition operators in words. @type {Record<string, Localised>} */
export const OPERATOR_WORDS = {
  equal: { lv: 'ir', en: 'is' },
  notEqual: { lv: 'nav', en: 'is not' },
  in: { lv: 'ir viens no', en: 'is one of' },
  notIn: { lv: 'nav neviens no', en: 'is none of' },
  contains: { lv: 'satur', en: 'contains' },
  doesNotContain: { lv: 'nesatur', en: 'does not contain' },
  lessThan: { lv: 'ir mazāks par', en: 'is less than' },
  lessThanInclusive: { lv: 'ir ne lielāks par', en: 'is at most' },
  greaterThan: { lv: 'ir lielāks par', en: 'is more than' },
  greaterThanInclusive: { lv: 'ir vismaz', en: 'is at least' },
  dateBefore: { lv: 'ir pirms', en: 'is before' },
  dateOnOrBefore: { lv: 'ir ne vēlāk kā', en: 'is on or before' },
  dateAfter: { lv: 'ir pēc', en: 'is after' },
  dateOnOrAfter: { lv: 'ir ne agrāk kā', en: 'is on or after' },
  hasItemMatching: { lv: 'satur ierakstu, kur', en: 'has an entry where' },
  hasNoItemMatching: { lv: 'nesatur ierakstu, kur', en: 'has no entry where' },
};
