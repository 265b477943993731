import { isIsoDay } from './record-cells';

/**
 * Small checks shared by the dataset and incident validators. Each records a plain-language
 * problem against a dotted field path instead of throwing, so one bad field never hides the rest.
 */

export interface FieldProblem {
  /** Dotted path inside the item, e.g. "properties.date.start". */
  field: string;
  message: string;
}

/** A parsed JSON object, as far as validation knows before checking it. */
export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for messages: "a number", "an array", "nothing". */
function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value === '' ? 'an empty text' : `the text ${JSON.stringify(truncate(value))}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return 'an object';
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export class ProblemList {
  readonly problems: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  text(value: unknown, field: string, { optional = false } = {}): string | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.add(field, `should be a non-empty text, but is ${describeValue(value)}`);
    return undefined;
  }

  /** Any text, empty included (a story may be empty in data that has none). */
  string(value: unknown, field: string): string | undefined {
    if (typeof value === 'string') return value;
    this.add(field, `should be a text, but is ${describeValue(value)}`);
    return undefined;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.add(field, `should be one of ${allowed.map((a) => `"${a}"`).join(', ')}, but is ${describeValue(value)}`);
    return undefined;
  }

  number(value: unknown, field: string, { min = -Infinity, max = Infinity, optional = false, integer = false } = {}): number | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(field, `should be a number, but is ${describeValue(value)}`);
      return undefined;
    }
    if (value < min || value > max) {
      this.add(field, `should be between ${min} and ${max}, but is ${value}`);
      return undefined;
    }
    if (integer && !Number.isInteger(value)) {
      this.add(field, `should be a whole number, but is ${value}`);
      return undefined;
    }
    return value;
  }

  list(value: unknown, field: string, { optional = false, nonEmpty = false } = {}): unknown[] | undefined {
    if (value === undefined && optional) return [];
    if (!Array.isArray(value)) {
      this.add(field, `should be a list, but is ${describeValue(value)}`);
      return undefined;
    }
    if (nonEmpty && value.length === 0) {
      this.add(field, 'should list at least one entry, but is empty');
      return undefined;
    }
    return value;
  }

  object(value: unknown, field: string): JsonObject | undefined {
    if (isObject(value)) return value;
    this.add(field, `should be an object, but is ${describeValue(value)}`);
    return undefined;
  }

  /** A reference to an entry defined once at the top of the dataset (an actor, a source…). */
  reference(value: unknown, defined: ReadonlySet<string>, kind: string, field: string): string | undefined {
    const id = this.text(value, field);
    if (id === undefined) return undefined;
    if (!defined.has(id)) {
      this.add(field, `refers to ${kind} "${id}", which the dataset does not define`);
      return undefined;
    }
    return id;
  }

  /** Links are only http(s): anything else (javascript:, data:, file:) could run or leak. */
  httpUrl(value: unknown, field: string): string | undefined {
    if (value === undefined) return undefined;
    const text = this.text(value, field);
    if (text === undefined) return undefined;
    if (!isHttpUrl(text)) {
      this.add(field, `should be an http(s) link, but is ${describeValue(text)}`);
      return undefined;
    }
    return text;
  }

  isoDate(value: unknown, field: string): string | undefined {
    const text = this.text(value, field);
    if (text === undefined) return undefined;
    if (!isIsoDate(text)) {
      this.add(field, `should be a calendar date written YYYY-MM-DD, but is ${describeValue(text)}`);
      return undefined;
    }
    return text;
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }
}

/** An absolute http(s) link with a host and no spaces (the core has no URL class: no DOM lib). */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/?#@]+(?:[/?#][^\s]*)?$/i.test(text);
}

/** YYYY-MM-DD naming a day that exists (record-cells' isIsoDay). */
export const isIsoDate = isIsoDay;
