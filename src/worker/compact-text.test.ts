import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../test-support/fixtures';
import { PieceText, splitText } from '../data/csv/text-pieces';
import { DatasetImport } from '../data/import/import-dataset';
import { RowCollector } from '../model/index/incident-rows';
import { mulberry32 } from '../model/index/synthetic-incidents';
import { CompactText } from './compact-text';

const SYRIA = 'ucdp-ged-syria-2016-2019.csv';
const syriaText = readFileSync(resolve(sharedDir, 'datasets', SYRIA), 'utf8');

describe('CompactText: the text kept in about a byte a character', () => {
  it('keeps pieces with characters beyond Latin-1 as UTF-8 bytes, outside the heap, and Latin-1 ones as strings', () => {
    const kept = new CompactText(['id,x\n', 'é\n', '“Ωmega”\n', 'bad \ud800 surrogate\n']);
    expect(kept.length).toBe(5 + 2 + 8 + 16);
    // The Latin-1 pieces and the one with a lone surrogate (which UTF-8 cannot hold) stay strings.
    expect(kept.heapBytes).toBe(5 + 2 + 16);
    expect(kept.outsideBytes).toBe(new TextEncoder().encode('“Ωmega”\n').byteLength);
    expect(kept.slice(0, kept.length)).toBe('id,x\né\n“Ωmega”\nbad \ud800 surrogate\n');
    // The real Syria export: every piece has curly quotes or Arabic, and its bytes are about half its two-byte strings.
    const syria = new CompactText(splitText(syriaText, 1_000_000));
    expect(syria.heapBytes).toBe(0);
    expect(syria.outsideBytes).toBe(Buffer.byteLength(syriaText, 'utf8'));
    expect(syria.outsideBytes).toBeLessThan(0.6 * 2 * syriaText.length);
  });

  it('slices as the whole text does, within and across pieces, even through the middle of a character outside the BMP', () => {
    // The Syria export with astral characters (two UTF-16 units each) sprinkled in.
    const text = syriaText.slice(0, 200_000).replace(/Aleppo/g, 'Ale🗺ppo').replace(/ q/g, ' 𝒬');
    const kept = new CompactText(splitText(text, 9_000));
    expect(kept.length).toBe(text.length);
    const next = mulberry32(3);
    for (let k = 0; k < 3_000; k++) {
      const start = Math.floor(next() * text.length);
      const end = Math.min(text.length, start + Math.floor(next() * (k % 10 === 0 ? 30_000 : 600)));
      const got = kept.slice(start, end);
      if (got !== text.slice(start, end)) expect({ start, end, got }).toEqual({ start, end, got: text.slice(start, end) });
    }
    expect(kept.slice(0, text.length)).toBe(text);
    expect(kept.slice(5, 5)).toBe('');
    // A slice that starts with U+FEFF keeps it.
    const bom = new CompactText(['ab’\ufeffcd']);
    expect(bom.slice(3, 6)).toBe('\ufeffcd');
  });

  it('reads every row of the real export again as the text kept as strings does', () => {
    const rowsWith = (keptText: CompactText | PieceText) => {
      const collector = new RowCollector();
      const importing = new DatasetImport(SYRIA, { sink: collector, keptText });
      importing.write(syriaText);
      const result = importing.finish();
      if (!result.ok || !result.reread) throw new Error('not imported');
      return collector.finish(result.reread).store;
    };
    const compact = new CompactText();
    const fromBytes = rowsWith(compact), fromStrings = rowsWith(new PieceText());
    expect(compact.heapBytes).toBe(0);
    expect(fromBytes.length).toBe(16_566);
    for (let row = 0; row < fromBytes.length; row += 7) expect(fromBytes.get(row)).toEqual(fromStrings.get(row));
    // Read in full (the quick read leaves the title empty).
    expect(fromBytes.get(0).properties.title).not.toBe('');
  }, 60_000);
});
