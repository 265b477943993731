/**
 * The `?data=` parameter: a dataset to open on load, so a view of someone's data can be shared as a
 * link. Only http(s) URLs and paths on this site are fetched; any other scheme (javascript:, data:,
 * file:…) is refused with a message rather than followed.
 */
export type DataParam =
  | { kind: 'none' }
  | { kind: 'url'; url: string; fileName: string }
  | { kind: 'refused'; value: string; message: string };

export function readDataParam(search: string, pageUrl: string): DataParam {
  const value = new URLSearchParams(search).get('data');
  if (value === null || value.trim() === '') return { kind: 'none' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.trim())?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') {
    return { kind: 'refused', value, message: `The link asks to open "${value}", but only http(s) addresses and paths on this site can be opened.` };
  }
  let url: URL;
  try {
    url = new URL(value.trim(), pageUrl);
  } catch {
    return { kind: 'refused', value, message: `The link asks to open "${value}", which is not a valid address.` };
  }
  const fileName = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.host) || url.href;
  return { kind: 'url', url: url.href, fileName };
}
