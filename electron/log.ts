// The log file an officer can send when something goes wrong (帮助 → 打开日志文件夹).
// It sits beside the data, in the user-data folder's logs/, so one folder holds everything.
import path from 'node:path';
import log from 'electron-log/main';
import { userDataDir } from '../services/shared/paths';

export function logFolder(): string {
  return path.join(userDataDir(), 'logs');
}

export function startLogging(): typeof log {
  log.transports.file.resolvePathFn = () => path.join(logFolder(), 'main.log');
  log.transports.file.level = 'info';
  // One old file is kept (main.old.log) when this one reaches 5 MB.
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.errorHandler.startCatching({ showDialog: false });
  return log;
}
