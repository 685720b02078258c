// The long job of the main-thread-stall scenario: the demo generator writing into an existing database.
import { openDatabase } from '../../db/database';
import { loadDemo } from '../../services/demo/generate';

export function runLongJob(file: string, parts: number): void {
  const db = openDatabase(file);
  // The large file already holds a demo; this job writes a second, smaller history beside it.
  db.prepare('DELETE FROM demo_rows').run();
  loadDemo({ db, operator: 'bench' }, 'large', { chunk: 5_000, plan: { years: 2, candidates: 10_000, partResults: parts, firstSessionsPerYear: 120, seed: 7 } });
  db.close();
}
