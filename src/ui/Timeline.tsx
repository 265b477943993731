import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { TimeRange } from '../model/incident-filter';
import { isoDay } from '../model/index/incident-columns';
import { formatDay, isoOfDay, timelineTicks } from '../model/timeline';
import { barOf, moveRangeEnd, nearestEdge, placeRange, type DayRange } from '../model/timeline-range';
import type { TimelineCounts } from '../worker/dataset-protocol';
import { formatCount } from '../model/format-count';

interface Props {
  counts: TimelineCounts;
  range: TimeRange | null;
  onRange(range: TimeRange | null): void;
  playing: boolean;
  onPlaying(playing: boolean): void;
  /** Spread the bars over this span (finer bars), or over the whole dataset again (null). */
  onZoom(span: TimeRange | null): void;
}

const WIDTH = 1000, HEIGHT = 64;
const SPEEDS = [0.5, 1, 2, 4] as const;
/** A step of playback at 1×: slow enough to read the count, fast enough to see a year go by. */
const STEP_MS = 600;

const UNIT_WORDS: Record<TimelineCounts['unit'], string> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' };

/**
 * The timeline: bars of the incidents that match the other filters, a range to brush (drag across
 * the bars, drag its ends, or move them with the arrow keys), and playback of a moving window.
 * Incidents known only to a week or a month are spread over the bars they span (hatched), not
 * piled on one day.
 *
 * The range is drawn as the filter applies it, which may reach past the bars (a link's dates, or a
 * span zoomed into): an end beyond them sits at the edge and says so, and a range wholly beyond
 * them is no selection but a note, until the reader changes or clears it.
 */
export function Timeline({ counts, range, onRange, playing, onPlaying, onZoom }: Props) {
  const { starts, exact, spread } = counts;
  const bins = exact.length;
  const first = starts[0]!, last = starts[bins]! - 1;
  const max = useMemo(() => Math.max(1, ...exact.map((n, i) => n + spread[i]!)), [exact, spread]);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ anchor: number } | null>(null);
  const handleDrag = useRef<'start' | 'end' | null>(null);
  // The range as last drawn, so that a pointer moving faster than the page redraws asks for no change twice.
  const latestRange = useRef(range);
  useEffect(function keepLatestRange() { latestRange.current = range; });

  const x = (day: number) => ((day - first) / (last + 1 - first)) * WIDTH;
  const binOf = (day: number) => barOf(starts, day);
  // The range as the filter has it (a link may name days the bars do not reach), and as drawn on the bars.
  const asked: DayRange | null = range && { start: isoDay(range.start), end: isoDay(range.end) };
  const placed = asked && placeRange(asked, first, last);
  const over = placed?.kind === 'over' ? placed : null;
  const beyond = placed && placed.kind !== 'over' ? placed.kind : null;
  const startDay = over ? over.start : first;
  const endDay = over ? over.end : last;
  const commit = (next: DayRange) => {
    // Only the whole dataset's span is "all dates": zoomed in, the full width is still a range.
    const value = !counts.zoomed && next.start <= first && next.end >= last ? null : { start: isoOfDay(next.start), end: isoOfDay(next.end) };
    const current = latestRange.current;
    if (value?.start === current?.start && value?.end === current?.end) return;
    latestRange.current = value;
    onRange(value);
  };
  const setDays = (from: number, to: number) => commit({ start: Math.max(first, Math.min(from, to)), end: Math.min(last, Math.max(from, to)) });

  /** The pointer's place on the bars as a fractional day. */
  const pointerDay = (event: PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    return first + fraction * (last + 1 - first);
  };
  // The day under the pointer (rounding would pick the next day, hence the next day bar, past a bar's middle).
  const dayAt = (event: PointerEvent) => Math.min(last, Math.floor(pointerDay(event)));
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const bin = binOf(dayAt(event));
    drag.current = { anchor: bin };
    onPlaying(false);
    setDays(starts[bin]!, starts[bin + 1]! - 1);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag.current) return;
    const bin = binOf(dayAt(event));
    const lo = Math.min(bin, drag.current.anchor), hi = Math.max(bin, drag.current.anchor);
    setDays(starts[lo]!, starts[hi + 1]! - 1);
  };
  const onPointerUp = () => { drag.current = null; };

  // Dragging an end moves that end only, to the bar edge nearest the pointer; it stops at the other end.
  const moveEnd = (which: 'start' | 'end', edge: number) => {
    const from = asked ?? { start: first, end: last };
    const next = moveRangeEnd(starts, from, which, edge);
    if (next !== from) commit(next);
  };
  const onHandlePointerDown = (which: 'start' | 'end') => (event: PointerEvent<HTMLSpanElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    handleDrag.current = which;
    onPlaying(false);
  };
  const onHandlePointerMove = (which: 'start' | 'end') => (event: PointerEvent<HTMLSpanElement>) => {
    if (handleDrag.current === which) moveEnd(which, nearestEdge(starts, pointerDay(event)));
  };
  const onHandlePointerUp = () => { handleDrag.current = null; };

  // A window of the range's width (one bar when there is none) moving one bar a step.
  const step = (direction: 1 | -1) => {
    const startBin = binOf(startDay), endBin = over ? binOf(endDay) : startBin;
    const width = endBin - startBin;
    // A range beyond the bars has no window on them to move: playing starts over from an end.
    const nextStart = over ? Math.max(0, Math.min(bins - 1 - width, startBin + direction)) : (direction > 0 ? 0 : bins - 1);
    setDays(starts[nextStart]!, starts[nextStart + width + 1]! - 1);
    return nextStart + width < bins - 1;
  };
  const latestStep = useRef(step);
  useEffect(function keepLatestStep() { latestStep.current = step; });
  useEffect(function play() {
    if (!playing) return;
    const timer = setInterval(() => { if (!latestStep.current(1)) onPlaying(false); }, STEP_MS / speed);
    return () => clearInterval(timer);
  }, [playing, speed, onPlaying]);

  const onHandleKey = (end: 'start' | 'end') => (event: KeyboardEvent) => {
    const delta = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10 }[event.key];
    if (delta === undefined && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    onPlaying(false);
    // Edges: the start's is the left of its bar, the end's the right of its bar; moveRangeEnd keeps them from crossing.
    const at = end === 'start' ? binOf(startDay) : binOf(endDay) + 1;
    moveEnd(end, event.key === 'Home' ? 0 : event.key === 'End' ? bins : at + delta!);
  };

  const label = (day: number) => formatDay(isoOfDay(day));
  const ticks = useMemo(() => timelineTicks(starts, counts.unit), [starts, counts.unit]);
  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <div className="timeline-bar">
        <h2 id="timeline-heading">Time</h2>
        <p className="timeline-range">
          {asked ? `${label(asked.start)} – ${label(asked.end)}` : `All dates (${label(first)} – ${label(last)})`}
        </p>
        <div className="timeline-buttons">
          <button type="button" onClick={() => { onPlaying(false); step(-1); }} aria-label={`Step back one ${UNIT_WORDS[counts.unit]}`}>◀</button>
          <button type="button" onClick={() => onPlaying(!playing)} aria-pressed={playing}>{playing ? 'Pause' : 'Play'}</button>
          <button type="button" onClick={() => { onPlaying(false); step(1); }} aria-label={`Step forward one ${UNIT_WORDS[counts.unit]}`}>▶</button>
          <label className="timeline-speed">
            <span className="visually-hidden">Playback speed</span>
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}>
              {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
            </select>
          </label>
          {counts.zoomed
            ? <button type="button" onClick={() => onZoom(null)}>Zoom out</button>
            : <button type="button" onClick={() => range && onZoom(range)} disabled={!range}>Zoom to range</button>}
          <button type="button" onClick={() => { onPlaying(false); onRange(null); }} disabled={!range}>All dates</button>
        </div>
      </div>
      {asked && beyond && (
        <p className="timeline-outside">
          <span>
            The time range {label(asked.start)} – {label(asked.end)} is {beyond} {counts.zoomed ? 'the span zoomed into' : 'these dates'}
            {' '}({beyond === 'after' ? `the last bar ends ${label(last)}` : `the first bar begins ${label(first)}`})
            {counts.zoomed ? '.' : ': no dated incident falls in it.'}
          </span>
          <button type="button" onClick={() => { onPlaying(false); onRange(null); }}>Clear the time range</button>
        </p>
      )}
      <div className="timeline-plot">
        <svg
          ref={svg}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Incidents per ${UNIT_WORDS[counts.unit]}, ${label(first)} to ${label(last)}. Drag across the bars to choose a time range.`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          <defs>
            <pattern id="timeline-spread" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
              <rect width="4" height="4" fill="#b9c6dc" />
              <line x1="0" y1="0" x2="0" y2="4" stroke="#5b6f94" strokeWidth="1.5" />
            </pattern>
          </defs>
          {exact.map((n, i) => {
            const x0 = x(starts[i]!), w = Math.max(0.5, x(starts[i + 1]!) - x0 - 0.6);
            const he = (n / max) * (HEIGHT - 4), hs = (spread[i]! / max) * (HEIGHT - 4);
            const inRange = !range || (over !== null && starts[i + 1]! - 1 >= startDay && starts[i]! <= endDay);
            return (
              <g key={i} className={inRange ? 'bin in-range' : 'bin'}>
                {he > 0 && <rect x={x0} y={HEIGHT - he} width={w} height={he} className="bin-exact" />}
                {hs > 0 && <rect x={x0} y={HEIGHT - he - hs} width={w} height={hs} fill="url(#timeline-spread)" className="bin-spread" />}
              </g>
            );
          })}
          {over && <rect className="brush" x={x(startDay)} y={0} width={Math.max(1, x(endDay + 1) - x(startDay))} height={HEIGHT} />}
        </svg>
        <div className="timeline-handles">
          {beyond
            ? <span className={`timeline-beyond is-${beyond}`} aria-hidden="true" />
            : (['start', 'end'] as const).map((which) => {
                const day = which === 'start' ? startDay : endDay;
                const cut = which === 'start' ? over?.startBeyond : over?.endBeyond;
                const text = !cut ? label(day) : which === 'start'
                  ? `${label(asked!.start)}, before the first bar (${label(first)})`
                  : `${label(asked!.end)}, after the last bar (${label(last)})`;
                return (
                  <RangeHandle
                    key={which}
                    which={which}
                    cut={cut === true}
                    min={first}
                    max={last}
                    day={day}
                    text={text}
                    leftPercent={(x(which === 'start' ? day : day + 1) / WIDTH) * 100}
                    onKeyDown={onHandleKey(which)}
                    onPointerDown={onHandlePointerDown(which)}
                    onPointerMove={onHandlePointerMove(which)}
                    onPointerUp={onHandlePointerUp}
                  />
                );
              })}
        </div>
        <div className="timeline-ticks" aria-hidden="true">
          {ticks.map(({ bin, label }) => <span key={bin} style={{ left: `${(x(starts[bin]!) / WIDTH) * 100}%` }}>{label}</span>)}
        </div>
      </div>
      <p className="timeline-key hint">
        <span className="key-exact" aria-hidden="true" /> dated within one {UNIT_WORDS[counts.unit]}
        <span className="key-spread" aria-hidden="true" /> known only to a longer span, shared over it
        {counts.undated > 0 && <> · {formatCount(counts.undated)} undated {counts.undated === 1 ? 'incident is' : 'incidents are'} shown only while no range is set</>}
      </p>
    </section>
  );
}

interface HandleProps {
  which: 'start' | 'end';
  /** The range's end lies beyond the bars: the handle sits at their edge. */
  cut: boolean;
  min: number;
  max: number;
  day: number;
  text: string;
  leftPercent: number;
  onKeyDown(event: KeyboardEvent): void;
  onPointerDown(event: PointerEvent<HTMLSpanElement>): void;
  onPointerMove(event: PointerEvent<HTMLSpanElement>): void;
  onPointerUp(): void;
}

/**
 * One end of the range: a slider over the days (its value is days since 1970), moved with the
 * keys or dragged. Its grip lies outside the range (the start's to the left, the end's to the
 * right), so the two can be told apart and grabbed even when the range is one narrow bar.
 */
function RangeHandle({ which, cut, min, max, day, text, leftPercent, onKeyDown, onPointerDown, onPointerMove, onPointerUp }: HandleProps) {
  return (
    <span
      className={`timeline-handle is-${which}${cut ? ' is-cut' : ''}`}
      role="slider"
      tabIndex={0}
      aria-label={which === 'start' ? 'Start of the time range' : 'End of the time range'}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={day}
      aria-valuetext={text}
      style={{ left: `${leftPercent}%` }}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}


