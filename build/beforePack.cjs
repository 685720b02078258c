// electron-builder beforePack hook (npmRebuild is off): better-sqlite3 for Electron's ABI, for the
// architecture being packed.
const { Arch } = require('builder-util');
const { saveNodeBuild, rebuildForElectron } = require('./nativeModule.cjs');

module.exports = async function beforePack(context) {
  const projectDir = context.packager.info.projectDir;
  const electronVersion = context.packager.info.framework.version;
  const arch = Arch[context.arch];
  saveNodeBuild(projectDir);
  console.log(`  • rebuilding better-sqlite3 for Electron ${electronVersion} (${context.electronPlatformName}-${arch})`);
  await rebuildForElectron(projectDir, electronVersion, context.electronPlatformName, arch);
};
