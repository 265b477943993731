import { parseDatasetText } from '../data/parse-dataset';
import type { DatasetResult } from '../data/validate-dataset';

/** Fetches a dataset file and reads it; a network failure is reported like an unreadable file. */
export async function loadDataset(url: string, fileName: string): Promise<DatasetResult> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    return { ok: false, error: `${fileName} could not be fetched (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!response.ok) return { ok: false, error: `${fileName} could not be fetched: the server answered ${response.status} ${response.statusText}.` };
  return parseDatasetText(await response.text(), fileName);
}
