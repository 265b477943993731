import type { IncidentFeature } from '../data/incident-types';
import { actorIdsOf } from '../model/actor-layers';
import { briefOf } from '../model/dataset-summary';
import { isOnlyClaimed } from '../model/describe-incident';
import type { IncidentColumns } from '../model/index/incident-columns';
import { listOrder } from '../model/index/list-order';
import type { ListSort } from '../model/view-state';
import type { ListRow } from './dataset-protocol';

/** What the list is drawn from: the rows as the index holds them now, and which are shown. */
export interface ListedRows {
  columns: IncidentColumns;
  /** Row → file row once the rows are sorted by place; null while they are in the file's order. */
  fileOrder: Uint32Array | null;
  /** 1 per shown row. */
  mask(): Uint8Array;
  /** How many rows are shown, and a number that changes whenever which ones do. */
  visible: number;
  version: number;
}

/**
 * The shown rows in the list's orders (newest or oldest first, undated last, or most casualties
 * first), for a virtualised list: each order made once, and scanned only as far as a page asks.
 */
export class ListPages {
  private readonly orders = new Map<ListSort, Uint32Array>();
  /** The shown rows in a list order, filled as far as asked (`filled`; the array may be longer), `next` being where the order's scan stopped. */
  private listed: { sort: ListSort; version: number; rows: Uint32Array; filled: number; next: number } | null = null;

  /**
   * The shown rows in list order, at least the first `count` of them: the order is scanned only as
   * far as asked, so the first page after a filter at a million incidents reads a few hundred rows
   * of it, not all of them (~10–20 ms that the next filter's answer waited behind).
   */
  rows(sort: ListSort, count: number, from: ListedRows): Uint32Array {
    let listed = this.listed;
    if (listed?.sort !== sort || listed.version !== from.version) {
      listed = this.listed = { sort, version: from.version, rows: new Uint32Array(0), filled: 0, next: 0 };
    }
    count = Math.min(count, from.visible);
    if (listed.filled >= count) return listed.rows;
    // Grown as asked (doubling), not made for every shown row at once: 4 MB at a million for a page of ten.
    if (listed.rows.length < count) {
      const grown = new Uint32Array(Math.min(from.visible, Math.max(count, 2 * listed.rows.length, 1024)));
      grown.set(listed.rows.subarray(0, listed.filled));
      listed.rows = grown;
    }
    const order = this.orderBy(sort, from), mask = from.mask(), rows = listed.rows;
    let { filled, next } = listed;
    while (filled < count && next < order.length) {
      const row = order[next++]!;
      if (mask[row] === 1) rows[filled++] = row;
    }
    listed.filled = filled;
    listed.next = next;
    return rows;
  }

  /**
   * The same with the rows sorted by place (row r is old row order[r]): the orders already made are
   * moved to the new places (a pass each) rather than sorted again, which the first list after a
   * filter would wait for (~0.1 s at a million).
   */
  movedBy(order: Uint32Array): ListPages {
    const newRowOf = new Uint32Array(order.length);
    order.forEach((oldRow, row) => (newRowOf[oldRow] = row));
    const moved = new ListPages();
    for (const [sort, rows] of this.orders) moved.orders.set(sort, rows.map((oldRow) => newRowOf[oldRow]!));
    return moved;
  }

  /** All rows in a list order, computed once per order. */
  private orderBy(sort: ListSort, { columns, fileOrder }: ListedRows): Uint32Array {
    let order = this.orders.get(sort);
    if (!order) {
      // Ties in the file's order, as before build() sorted the rows by place: the list stays as it was.
      let rowsInFileOrder: Uint32Array | undefined;
      if (fileOrder) {
        rowsInFileOrder = new Uint32Array(fileOrder.length);
        fileOrder.forEach((fileRow, row) => (rowsInFileOrder![fileRow] = row));
      }
      this.orders.set(sort, (order = listOrder(columns, sort, rowsInFileOrder)));
    }
    return order;
  }
}

/** An incident as a list row; `most` is its row's casualties column (the highest figure, as Float32). */
export function listRowOf(incident: IncidentFeature, most: number): ListRow {
  const p = incident.properties;
  const figure = Number.isNaN(most) ? undefined : p.casualties.find((f) => Math.fround(f.best ?? f.min ?? NaN) === most);
  return {
    ...briefOf(incident),
    actorIds: [...new Set(actorIdsOf(incident))],
    eventType: p.eventType,
    claimed: isOnlyClaimed(p),
    ...(figure ? { casualties: figure.text } : {}),
  };
}
