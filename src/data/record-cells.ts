import type { FieldProblem } from './field-checks';
import type { IncidentFeature } from './incident-types';

/**
 * One record of an event dataset, by column name: a CSV row (every cell text) or a GeoJSON
 * feature's properties (numbers as numbers). Readers below accept both, so "12" and 12 read alike.
 */
export type SourceRecord = Readonly<Record<string, unknown>>;

/** What a record became: an incident (perhaps with warnings), or every problem that stops it loading. */
export type RecordMapping =
  | { ok: true; incident: IncidentFeature; warnings: FieldProblem[] }
  | { ok: false; id: string | undefined; problems: FieldProblem[] };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Reads the cells of one record and keeps a list of what is wrong, naming each field by the
 * source's own column name so a reader can find it in the file. Never throws.
 */
export class RecordReader {
  readonly problems: FieldProblem[] = [];
  readonly warnings: FieldProblem[] = [];

  constructor(private readonly record: SourceRecord) {}

  /** The cell as trimmed text; '' when empty or absent. */
  text(field: string): string {
    const value = this.record[field];
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return '';
  }

  /** Text that must be there. */
  requiredText(field: string, what: string): string | undefined {
    const text = this.text(field);
    if (text === '') this.problem(field, `should give ${what}, but is ${this.describe(field)}`);
    return text || undefined;
  }

  /**
   * A number, or undefined when the cell is empty and `required` is false (no problem then).
   * Numbers written as text are read with a strict pattern: Number() would take "" as 0 and "0x1F" as 31.
   */
  number(field: string, { min = -Infinity, max = Infinity, integer = false, required = true } = {}): number | undefined {
    const value = this.record[field];
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (empty) {
      if (required) this.problem(field, `should be a ${integer ? 'whole number' : 'number'}, but is ${this.describe(field)}`);
      return undefined;
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' ? numberOfText(value) : NaN;
    if (!Number.isFinite(number)) {
      this.problem(field, `should be a ${integer ? 'whole number' : 'number'}, but is ${this.describe(field)}`);
      return undefined;
    }
    if (integer && !Number.isInteger(number)) {
      this.problem(field, `should be a whole number, but is ${number}`);
      return undefined;
    }
    if (number < min || number > max) {
      this.problem(field, max === Infinity ? `should be ${min} or more, but is ${number}` : `should be between ${min} and ${max}, but is ${number}`);
      return undefined;
    }
    return number;
  }

  /**
   * A calendar day as YYYY-MM-DD. Takes "2016-07-14", "2016-07-14 00:00:00.000" and
   * "2016-07-14T00:00:00" (UCDP's exports; the time is always midnight and is dropped), and with
   * `dayMonthYear` also ACLED's "14 July 2016" (or "14-Jul-2016").
   */
  date(field: string, { dayMonthYear = false } = {}): string | undefined {
    const text = this.text(field);
    // Written as it is kept (most cells): the same string calendarDate would make of it.
    if (isIsoDay(text)) return text;
    const iso = ISO_DATE_TIME.exec(text);
    const dmy = dayMonthYear && !iso ? DAY_MONTH_YEAR.exec(text) : null;
    const parts = iso ? [iso[1], iso[2], iso[3]].map(Number) : dmy ? [Number(dmy[3]), monthNumber(dmy[2] ?? ''), Number(dmy[1])] : undefined;
    const date = parts && calendarDate(parts[0] ?? NaN, parts[1] ?? NaN, parts[2] ?? NaN);
    if (!date) {
      const written = dayMonthYear ? 'written YYYY-MM-DD or like "15 July 2016"' : 'written YYYY-MM-DD';
      this.problem(field, `should be a calendar date ${written}, but is ${this.describe(field)}`);
    }
    return date;
  }

  /** A code from the codebook's table (a precision or a type). Absent or unknown codes are problems: the columns may be shifted. */
  code<T>(field: string, table: Readonly<Record<number, T>>, allowed: string): T | undefined {
    const before = this.problems.length;
    const code = this.number(field, { integer: true, required: false });
    const entry = code === undefined ? undefined : table[code];
    if (entry === undefined && this.problems.length === before) this.problem(field, `should be ${allowed}, but is ${code ?? this.describe(field)}`);
    return entry;
  }

  /** A `;`-separated list, each entry trimmed, empty entries dropped, repeats kept (the caller decides). */
  list(field: string): string[] {
    return splitList(this.text(field));
  }

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  warn(field: string, message: string): void {
    this.warnings.push({ field, message });
  }

  /** "the text \"abc\"", "empty", "missing (there is no "latitude" column)" — for messages. */
  describe(field: string): string {
    const value = this.record[field];
    if (value === undefined) return `missing (there is no "${field}" column)`;
    if (value === null) return 'empty';
    if (typeof value === 'string') return value.trim() === '' ? 'empty' : `the text ${JSON.stringify(truncate(value.trim()))}`;
    if (typeof value === 'number') return `the number ${value}`;
    if (typeof value === 'boolean') return `${value}`;
    return Array.isArray(value) ? 'a list' : 'an object';
  }
}

/** Powers of ten a double holds exactly (up to 10^22). */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** The character code of '0'. */
export const ZERO = 48;

/**
 * text[from, to) as a plain decimal: "-12.5", "36", "0.75": an optional minus, digits, and at most
 * one point between digits. NaN for anything else. The value is Number(text) exactly: with at most
 * 15 digits the digits make an exact whole number, and one division by an exact power of ten
 * rounds once, as parsing does (Clinger's fast path); longer texts go to Number.
 */
export function plainDecimal(text: string, from: number, to: number): number {
  const negative = text.charCodeAt(from) === 45;
  let i = negative ? from + 1 : from;
  const digitsFrom = i;
  let point = -1;
  let whole = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && point < 0) point = i;
    else if (c < ZERO || c > ZERO + 9) return NaN;
    else whole = whole * 10 + (c - ZERO);
  }
  if (i === digitsFrom || point === digitsFrom || point === to - 1) return NaN;
  const decimals = point < 0 ? 0 : to - 1 - point;
  if (to - digitsFrom - (point < 0 ? 0 : 1) > 15) return Number(text.slice(from, to));
  const value = decimals === 0 ? whole : whole / EXACT_POWERS[decimals]!;
  return negative ? -value : value;
}

/** "SOHR; Airwars;;" → ["SOHR", "Airwars"]: each entry trimmed, empty ones dropped, repeats kept. */
export function splitList(text: string): string[] {
  if (text === '') return [];
  if (!text.includes(';')) return [text.trim()].filter((entry) => entry !== '');
  return text.split(';').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((month) => month === lower || (lower.length === 3 && month.startsWith(lower)));
  return index + 1;
}

/** YYYY-MM-DD if the day exists (no 31 April), else undefined. Arithmetic, not Date: this runs once per date cell. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Whether text is YYYY-MM-DD naming a day that exists (no 30 February), years 0001–9999. Read digit
 * by digit, not with a pattern and a Date: importers ask it of every date cell.
 */
export function isIsoDay(text: string): boolean {
  return text.length === 10 && isIsoDayAt(text, 0);
}

/** Whether the ten characters of text from `at` are YYYY-MM-DD naming a day that exists (isIsoDay). */
export function isIsoDayAt(text: string, at: number): boolean {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return false;
  const year = digitsAt(text, at, at + 4), month = digitsAt(text, at + 5, at + 7), day = digitsAt(text, at + 8, at + 10);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The ASCII digits text[from..to) as a number; NaN if any is not one. */
export function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `;`-list entries with repeats removed, comparing as names compare (case and spacing ignored). */
export function distinctNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  if (names.length === 2) return nameKey(names[0]!) === nameKey(names[1]!) ? [names[0]!] : [...names];
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = nameKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How two spellings of one name compare: "SOHR" and "sohr " are the same outlet. */
export function nameKey(name: string): string {
  // toLowerCase, not toLocaleLowerCase: the same key on every machine, and it is many times faster.
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether two spellings are one name. Runs for several cells of every row, so it avoids building keys when it can. */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) return a.toLowerCase() === b.toLowerCase() || nameKey(a) === nameKey(b);
  const spacing = /^\s|\s$|\s\s|[^\S ]/;
  return spacing.test(a) || spacing.test(b) ? nameKey(a) === nameKey(b) : false;
}

/** A cell's number: most are plain decimals, read at once; the pattern takes the rest (spaces, "+", exponents). NaN if none. */
function numberOfText(text: string): number {
  const plain = plainDecimal(text, 0, text.length);
  if (!Number.isNaN(plain)) return plain;
  return DECIMAL.test(text.trim()) ? Number(text) : NaN;
}
