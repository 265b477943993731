/**
 * A count as the page writes it: "1,848" (as en-GB writes it: commas between thousands).
 *
 * By hand, not with Intl.NumberFormat: a page's first Intl formatter loads the locale's data,
 * 15–50 ms here in one piece, which made one long task of whichever task came to it first (the
 * map's code as it loaded, the first render of counts). Number#toLocaleString is no better: it
 * also looks the locale up on every call (~20 µs; a few hundred cluster labels per step of a
 * timeline scrub made that a tenth of its time). Counts are whole numbers; anything else is
 * written as Intl would, the one time it would be needed.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return new Intl.NumberFormat('en-GB').format(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let k = out.length; k < digits.length; k += 3) out += `,${digits.slice(k, k + 3)}`;
  return n < 0 ? `-${out}` : out;
}
