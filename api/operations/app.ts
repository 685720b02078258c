// The app itself: which version is running on which data file.
import { NoArgs, query } from '../op';
import { schemaVersion } from '../../db/database';
import { APP_VERSION } from '../../services/shared/version';

export const appOperations = {
  // Before anyone has logged in, only what the login screen shows: not where the data lives nor who runs it.
  'app.info': query({ title: '查看版本', access: 'public' }, NoArgs, (ctx) =>
    ctx.anonymous
      ? { version: APP_VERSION, schemaVersion: schemaVersion(ctx.db) }
      : { version: APP_VERSION, schemaVersion: schemaVersion(ctx.db), database: ctx.db.name, operator: ctx.operator },
  ),
};
