import { validateDataset, type DatasetResult } from './validate-dataset';
import { errorMessage } from './error-message';

/**
 * Reads a dataset file's text. An unreadable file (not JSON, not a FeatureCollection) is the one
 * kind of error; everything else comes back as loaded incidents plus a list of rejections.
 */
export function parseDatasetText(text: string, fileName: string): DatasetResult {
  if (text.trim() === '') return { ok: false, error: `${fileName} is empty.` };
  let json: unknown;
  try {
    json = JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    const detail = errorMessage(error);
    return { ok: false, error: `${fileName} is not valid JSON, so it cannot be read (${detail}${locateJsonError(text, detail)}).` };
  }
  return validateDataset(json, fileName);
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Turns "at position 1234" in a JSON.parse message into a line and column people can find. */
export function locateJsonError(text: string, message: string): string {
  if (/line \d+ column \d+/.test(message)) return '';
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `; line ${line}, column ${column}`;
}
