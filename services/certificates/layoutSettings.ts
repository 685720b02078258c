// Reading and saving the 套打 layout (stockLayout.ts) through the settings, so every change is
// validated and audited like any other setting (old → new in the audit log).
import { getSetting, setSetting } from '../settings/settings';
import type { Ctx } from '../shared/context';
import type { Orientation } from './layout';
import { changeStockLayout, defaultStockFields, parseStockLayout, STOCK_FIELDS, stockFields, type LayoutChange, type SavedStockLayout, type StockFieldKey } from './stockLayout';
import { layoutFor } from './layout';

export interface StockLayoutView {
  name: string;
  orientation: Orientation;
  fields: { key: StockFieldKey; label: string; x: number; y: number; w: number; h?: number; size?: number; moved: boolean }[];
}

function orientationOf(ctx: Ctx, o?: Orientation): Orientation {
  return o ?? (getSetting(ctx, 'certificate.orientation') as Orientation);
}

function view(saved: SavedStockLayout, orientation: Orientation): StockLayoutView {
  const fields = stockFields(saved, orientation);
  const moved = saved[orientation] ?? {};
  return { name: saved.name, orientation, fields: STOCK_FIELDS.map((f) => ({ key: f.key, label: f.label, ...fields[f.key], moved: Object.hasOwn(moved, f.key) })) };
}

export function getStockLayout(ctx: Ctx, orientation?: Orientation): StockLayoutView {
  return view(parseStockLayout(getSetting(ctx, 'certificate.stockLayout')), orientationOf(ctx, orientation));
}

/** Moves one or more fields (or puts them back) and saves; a field moved back onto its plain-paper place is no longer stored as moved. */
export function setStockLayout(ctx: Ctx, req: { orientation?: Orientation; name?: string; changes: LayoutChange[] }): StockLayoutView {
  const orientation = orientationOf(ctx, req.orientation);
  let saved = parseStockLayout(getSetting(ctx, 'certificate.stockLayout'));
  for (const c of req.changes) saved = changeStockLayout(saved, orientation, c);
  if (req.name !== undefined) saved = { ...saved, name: req.name.trim() };
  const defaults = defaultStockFields(layoutFor(orientation));
  const fields = { ...(saved[orientation] ?? {}) };
  for (const [k, v] of Object.entries(fields) as [StockFieldKey, NonNullable<(typeof fields)[StockFieldKey]>][]) {
    const d = defaults[k];
    const same = (Object.keys(v) as (keyof typeof v)[]).every((p) => v[p] === d[p]);
    if (same) delete fields[k];
  }
  saved = { ...saved, [orientation]: fields };
  const empty = !saved.name && !Object.keys(saved.portrait ?? {}).length && !Object.keys(saved.landscape ?? {}).length;
  setSetting(ctx, 'certificate.stockLayout', empty ? '' : JSON.stringify(saved));
  return view(saved, orientation);
}
