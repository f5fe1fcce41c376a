/** Latvian and English text, as every title in a rule file and every holiday name carries. */
export interface LocalisedText {
  lv: string;
  en: string;
}
