import type { ActorDefinition, EventTypeDefinition, IncidentProperties, SourceCitation, SourceDefinition } from './incident-types';
import { nameKey } from './record-cells';

/**
 * Okabe & Ito's colour-blind-safe palette, then three of Paul Tol's muted colours that stay apart
 * from it. Yellow comes last: it is the hardest to see on a light map. Order is by contrast with
 * the colours before it, so the few most active actors are the easiest to tell apart.
 */
export const ACTOR_PALETTE = [
  '#D55E00', '#0072B2', '#009E73', '#E69F00', '#CC79A7', '#56B4E9', '#000000',
  '#882255', '#332288', '#999933', '#F0E442',
] as const;

/**
 * Colour for actors beyond the palette. Past a dozen, more colours could not be told apart on the
 * map (or at all, by readers with a colour-vision deficiency); a shared grey says "one of the
 * others" honestly, and the actor list and the story still name each one.
 */
export const OTHER_ACTOR_COLOUR = '#999999';

/** The ids a record mapper asks for, by name. The same name gets the same id in every file. */
export interface DefinitionIds {
  actor(name: string): string;
  /** A news outlet or other reporting body, as the data names it. */
  outlet(name: string): string;
  /** Registers an event type under a fixed id (the first definition for an id wins). */
  eventType(id: string, definition: EventTypeDefinition): string;
}

/**
 * A stable id from a name: "Government of Syria" → "government-of-syria", "André" → "andre".
 * Letters of any script are kept, so Arabic names get Arabic ids rather than none.
 */
export function slugOf(name: string): string {
  const slug = name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return slug || 'unnamed';
}

/** Names to ids, one namespace: a second, different name with the same slug gets "-2" (rare: "Al-Nusra" and "Al Nusra"). */
class NameIds {
  private readonly idsByKey = new Map<string, string>();
  /** The same spelling comes back on most rows: look it up before normalising it. */
  private readonly idsBySpelling = new Map<string, string>();
  readonly names = new Map<string, string>();

  /** Claims an id for a name before any record asks (the importer's own sources). */
  reserve(id: string, name: string): void {
    this.idsByKey.set(nameKey(name), id);
    this.names.set(id, name.trim());
  }

  idFor(name: string): string {
    const spelt = this.idsBySpelling.get(name);
    if (spelt) return spelt;
    const key = nameKey(name);
    let id = this.idsByKey.get(key);
    if (!id) {
      const base = slugOf(name);
      id = base;
      for (let n = 2; this.names.has(id); n += 1) id = `${base}-${n}`;
      this.idsByKey.set(key, id);
      this.names.set(id, name.trim());
    }
    this.idsBySpelling.set(name, id);
    return id;
  }
}

/** The names and event types registered so far, each in the order first asked for: another import's to take over (takeNames). */
export interface DefinitionNames {
  actors: Array<[id: string, name: string]>;
  outlets: Array<[id: string, name: string]>;
  eventTypes: Array<[id: string, definition: EventTypeDefinition]>;
}

/** Ids of one import as another gives them to the same names (takeNames): an id not listed is the same in both. */
export interface IdChanges {
  actors: Map<string, string>;
  outlets: Map<string, string>;
}

/**
 * Collects the actors, sources and event types that imported records refer to. At the end only
 * those a loaded incident uses are kept (a rejected row leaves nothing behind), and colours go to
 * actors by how many incidents they are a party to, most first.
 */
export class EventDefinitions implements DefinitionIds {
  private readonly actors = new NameIds();
  private readonly outlets = new NameIds();
  private readonly fixedSources = new Map<string, SourceDefinition>();
  private readonly eventTypes = new Map<string, EventTypeDefinition>();

  /** A source defined by the importer itself (the dataset's coders), under a fixed id. */
  constructor(fixedSources: Record<string, SourceDefinition>) {
    for (const [id, definition] of Object.entries(fixedSources)) {
      this.fixedSources.set(id, definition);
      // Reserve the id, so that an outlet with the same name is the same source.
      this.outlets.reserve(id, definition.name);
    }
  }

  actor(name: string): string {
    return this.actors.idFor(name);
  }

  outlet(name: string): string {
    return this.outlets.idFor(name);
  }

  eventType(id: string, definition: EventTypeDefinition): string {
    if (!this.eventTypes.has(id)) this.eventTypes.set(id, definition);
    return id;
  }

  /** How many names of each kind have been registered (names() lists them, in this order). */
  get actorCount(): number {
    return this.actors.names.size;
  }

  get outletCount(): number {
    return this.outlets.names.size;
  }

  get eventTypeCount(): number {
    return this.eventTypes.size;
  }

  names(): DefinitionNames {
    return { actors: [...this.actors.names], outlets: [...this.outlets.names], eventTypes: [...this.eventTypes] };
  }

  /**
   * Registers another import's names (of the text after this one's), in their order, as rows naming
   * them would here: gives the ids that differ. Names new to both that share a slug are numbered
   * ("-2") in that order. The caller may take them a part at a time, between rows of its own, so
   * that they come in the order of the text (EventCsvImport.appendHalf).
   */
  takeNames(other: DefinitionNames): IdChanges {
    const changed = (pairs: DefinitionNames['actors'], idFor: (name: string) => string) => {
      const changes = new Map<string, string>();
      for (const [id, name] of pairs) {
        const here = idFor(name);
        if (here !== id) changes.set(id, here);
      }
      return changes;
    };
    for (const [id, definition] of other.eventTypes) this.eventType(id, definition);
    return { actors: changed(other.actors, (name) => this.actor(name)), outlets: changed(other.outlets, (name) => this.outlet(name)) };
  }

  finish(tally: IncidentTally): {
    actors: Record<string, ActorDefinition>;
    sources: Record<string, SourceDefinition>;
    eventTypes: Record<string, EventTypeDefinition>;
  } {
    return {
      actors: colourActors(this.actors.names, tally.asParty, tally.asTarget),
      sources: Object.fromEntries([...tally.sourceIds].sort().map((id) => [id, this.fixedSources.get(id) ?? { name: this.outlets.names.get(id) ?? id }])),
      eventTypes: Object.fromEntries([...this.eventTypes].filter(([id]) => tally.typeCounts.has(id))),
    };
  }
}

/**
 * What an import needs to know of the incidents it loaded once they are all read — who acts in how
 * many, which sources and types they use, the period they span — counted as each one loads, so
 * the incidents themselves need not be kept until the end. asParty, asTarget and sourceIds count
 * in the lists many incidents share when they are read: read them again after adding more.
 */
export class IncidentTally {
  private readonly parties = new ActorCounts();
  private readonly targets = new ActorCounts();
  private readonly sources = new Set<string>();
  /** Source lists many incidents share (frozen: quick-cells' RepeatedCells), each taken once at the end. */
  private readonly sharedSources = new Set<readonly SourceCitation[]>();
  readonly typeCounts = new Map<string, number>();
  /** First start and last end date (ISO), among the dated incidents. */
  first: string | undefined;
  last: string | undefined;

  add(p: IncidentProperties): void {
    this.parties.add(p.actors);
    this.targets.add(p.targets);
    if (Object.isFrozen(p.sources)) this.sharedSources.add(p.sources);
    else for (const s of p.sources) this.sources.add(s.source);
    for (const c of p.casualties) this.sources.add(c.source);
    this.typeCounts.set(p.eventType, (this.typeCounts.get(p.eventType) ?? 0) + 1);
    if (p.date) {
      if (this.first === undefined || p.date.start < this.first) this.first = p.date.start;
      if (this.last === undefined || p.date.end > this.last) this.last = p.date.end;
    }
  }

  /** How many incidents each actor takes part in. */
  get asParty(): ReadonlyMap<string, number> {
    return this.parties.counts();
  }

  /** How many incidents each actor is the target of. */
  get asTarget(): ReadonlyMap<string, number> {
    return this.targets.counts();
  }

  /** The sources of every incident's citations and figures. */
  get sourceIds(): ReadonlySet<string> {
    for (const list of this.sharedSources) for (const s of list) this.sources.add(s.source);
    this.sharedSources.clear();
    return this.sources;
  }

  /** The counts, as plain data (for another thread: takeCounts). */
  counts(): TallyCounts {
    return {
      asParty: [...this.asParty], asTarget: [...this.asTarget], sourceIds: [...this.sourceIds],
      typeCounts: [...this.typeCounts], first: this.first, last: this.last,
    };
  }

  /** Adds another tally's counts (counts()), its actor and source ids changed to this import's (takeNames). */
  takeCounts(other: TallyCounts, ids: IdChanges): void {
    this.parties.take(other.asParty, ids.actors);
    this.targets.take(other.asTarget, ids.actors);
    for (const id of other.sourceIds) this.sources.add(ids.outlets.get(id) ?? id);
    for (const [type, count] of other.typeCounts) this.typeCounts.set(type, (this.typeCounts.get(type) ?? 0) + count);
    if (other.first !== undefined && (this.first === undefined || other.first < this.first)) this.first = other.first;
    if (other.last !== undefined && (this.last === undefined || other.last > this.last)) this.last = other.last;
  }

  /** The period as an ISO 8601 interval ("2016-01-01/2019-11-30"), or '' when nothing is dated. */
  period(): string {
    if (!this.first || !this.last) return '';
    return this.first === this.last ? this.first : `${this.first}/${this.last}`;
  }
}

/** IncidentTally's counts as plain data. */
export interface TallyCounts {
  asParty: Array<[string, number]>;
  asTarget: Array<[string, number]>;
  sourceIds: string[];
  typeCounts: Array<[string, number]>;
  first: string | undefined;
  last: string | undefined;
}

/**
 * Incidents per actor, each counted once per incident (the same party may be named twice). A list
 * that many incidents share (frozen: quick-cells' RepeatedCells) is counted as a list, and its
 * actors once at the end: a million-row file names a few hundred lists, so that is one count a row
 * rather than one per actor.
 */
class ActorCounts {
  private readonly byActor = new Map<string, number>();
  private readonly byList = new Map<readonly { actor: string }[], number>();

  add(refs: readonly { actor: string }[]): void {
    if (refs.length === 0) return;
    if (Object.isFrozen(refs)) this.byList.set(refs, (this.byList.get(refs) ?? 0) + 1);
    else countOnce(this.byActor, refs, 1);
  }

  /** Another import's counts, its ids changed to this one's. */
  take(counts: ReadonlyArray<[string, number]>, ids: ReadonlyMap<string, string>): void {
    for (const [id, times] of counts) {
      const here = ids.get(id) ?? id;
      this.byActor.set(here, (this.byActor.get(here) ?? 0) + times);
    }
  }

  counts(): ReadonlyMap<string, number> {
    for (const [refs, times] of this.byList) countOnce(this.byActor, refs, times);
    this.byList.clear();
    return this.byActor;
  }
}

/** Counts each actor of the list once (the same party may be named twice), `times` over. Runs per row: no Set. */
function countOnce(counts: Map<string, number>, refs: readonly { actor: string }[], times: number): void {
  for (let i = 0; i < refs.length; i++) {
    const id = refs[i]!.actor;
    let repeated = false;
    for (let j = 0; j < i; j++) repeated ||= refs[j]!.actor === id;
    if (!repeated) counts.set(id, (counts.get(id) ?? 0) + times);
  }
}

/**
 * Palette colours by descending party count (ties by name, so a file always gets the same colours).
 * Actors that are only ever targets (UCDP's "Civilians") never colour a marker, so they get grey
 * rather than use up a palette colour.
 */
function colourActors(names: ReadonlyMap<string, string>, asParty: ReadonlyMap<string, number>, asTarget: ReadonlyMap<string, number>): Record<string, ActorDefinition> {
  const used = [...names].filter(([id]) => asParty.has(id) || asTarget.has(id));
  used.sort(([a, nameA], [b, nameB]) => (asParty.get(b) ?? 0) - (asParty.get(a) ?? 0) || nameA.localeCompare(nameB, 'en'));
  const out: Record<string, ActorDefinition> = {};
  let next = 0;
  for (const [id, name] of used) {
    const colour = asParty.has(id) && next < ACTOR_PALETTE.length ? ACTOR_PALETTE[next++] ?? OTHER_ACTOR_COLOUR : OTHER_ACTOR_COLOUR;
    out[id] = { name, colour };
  }
  return out;
}
