// electron-builder afterPack hook: the packed app has its Electron build of better-sqlite3; the
// working copy gets its plain-Node build back (see nativeModule.cjs).
const { restoreNodeBuild } = require('./nativeModule.cjs');

module.exports = async function afterPack(context) {
  restoreNodeBuild(context.packager.info.projectDir);
};
