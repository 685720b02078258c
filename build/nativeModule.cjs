// better-sqlite3 is built for plain Node in node_modules (tests, the CLI and `certdesk serve` use it).
// Packaging needs it built for Electron's ABI: beforePack keeps the Node build aside and rebuilds for
// Electron; afterPack puts the Node build back, so the working copy still runs after `npm run dist`.
const fs = require('node:fs');
const path = require('node:path');

const MODULE = 'better-sqlite3';
const BINARY = path.join('node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
const SAVED = path.join('node_modules', '.certdesk-node-abi', 'better_sqlite3.node');

/** Copies the Node-ABI binary aside, once (a multi-arch build calls this per architecture). */
function saveNodeBuild(projectDir) {
  const saved = path.join(projectDir, SAVED);
  if (fs.existsSync(saved)) return false;
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  fs.copyFileSync(path.join(projectDir, BINARY), saved);
  return true;
}

/** Puts the Node-ABI binary back and forgets the saved copy. */
function restoreNodeBuild(projectDir) {
  const saved = path.join(projectDir, SAVED);
  if (!fs.existsSync(saved)) return false;
  fs.copyFileSync(saved, path.join(projectDir, BINARY));
  fs.rmSync(path.dirname(saved), { recursive: true, force: true });
  return true;
}

/** Rebuilds better-sqlite3 in place for the Electron version, platform and architecture being packed
 * (a prebuilt binary when one exists, else compiled). */
async function rebuildForElectron(projectDir, electronVersion, platform, arch) {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: projectDir, electronVersion, platform, arch, onlyModules: [MODULE], force: true, mode: 'sequential' });
}

module.exports = { MODULE, BINARY, saveNodeBuild, restoreNodeBuild, rebuildForElectron };
