/** A text shown to people, Chinese first, English second. */
export interface Label {
  zh: string;
  en: string;
}

export type Locale = 'zh' | 'en';

export function pickLabel(label: Label, locale: Locale): string {
  return locale === 'en' ? label.en : label.zh;
}
