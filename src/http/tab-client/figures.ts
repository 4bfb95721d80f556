import type { PageData, WireColumn, WireFigure } from '../metrics-contract.js';
import { catalogText } from './page-shell.js';

const INTL_LOCALE: Readonly<Record<PageData['lang'], string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A column's own name in the page (tables and tests find a figure by it): a question's column is named by its question. */
export const columnId = (column: WireColumn): string => (column.questionId ? `question.${column.questionId}` : column.key);

/**
 * The page's words and numbers in its language: texts from the catalog section the server put in
 * the page, numbers and months as the chat card writes them (one decimal, whole percent, month/year).
 */
export class Figures {
  readonly intlLocale: string;
  private readonly decimal: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;

  constructor(private readonly page: PageData) {
    this.intlLocale = INTL_LOCALE[page.lang];
    this.decimal = new Intl.NumberFormat(this.intlLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.percent = new Intl.NumberFormat(this.intlLocale, { style: 'percent', maximumFractionDigits: 0 });
  }

  /** A text of the catalog's `tab` section with its {{placeholders}} filled; the page's limits fill `min` and `max`. */
  text(path: string, values: Readonly<Record<string, string | number>> = {}): string {
    return catalogText(this.page.texts, path, { min: this.page.minGroupSize, max: this.page.maxMonths, ...values });
  }

  /** "11/2026" in every language, as the chat card's formatMonth writes it, so the two read alike. */
  month(month: string): string {
    const [year, mm] = month.split('-');
    return year && mm ? `${Number(mm)}/${year}` : month;
  }

  /** A figure as the tables show it. */
  shown(column: WireColumn, figure: WireFigure): string {
    if (figure === null) return this.text('none');
    if (figure === 'suppressed') return this.text('suppressed');
    if (column.kind === 'count') return String(figure);
    return column.kind === 'rate' ? this.percent.format(figure) : this.decimal.format(figure);
  }

  /** A figure as a chart plots it: rates in percent; a withheld or missing figure leaves a gap. */
  plotted(column: WireColumn, figure: WireFigure): number | null {
    if (figure === null || figure === 'suppressed') return null;
    return column.kind === 'rate' ? Math.round(figure * 100) : figure;
  }
}
