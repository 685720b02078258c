// Tables of named things declared per area (operations, worker jobs) and merged into one: a name
// declared twice is a programming error, found when the merged table is built at start-up.

type Table = Record<string, unknown>;
export type Merged<T extends readonly Table[]> = T extends readonly [infer H, ...infer Rest extends readonly Table[]] ? H & Merged<Rest> : unknown;

/** `what` names the kind of thing in the error (操作, 后台任务). */
export function mergeByName<T extends readonly Table[]>(what: string, ...tables: T): Merged<T> {
  const merged: Table = {};
  for (const table of tables) {
    for (const [name, item] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`${what}「${name}」被声明了两次。`);
      merged[name] = item;
    }
  }
  return merged as Merged<T>;
}
