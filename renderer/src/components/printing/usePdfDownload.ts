// A PDF built on the server and downloaded, then named in a message; a refusal is a message too,
// long enough to read (a menu or a table row has no room for an alert).
import { App } from 'antd';
import { useI18n } from '../../i18n';
import { downloadFile } from '../../rpc';
import { errorText, useAction } from '../../useAction';

export function usePdfDownload<A extends unknown[]>(build: (...args: A) => Promise<{ name: string; base64: string } | object>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const print = (...args: A) =>
    run(async () => {
      try {
        const file = await build(...args);
        if ('base64' in file) {
          downloadFile(file as { name: string; base64: string }, 'application/pdf');
          message.success(t('print.done', { name: (file as { name: string }).name }));
        }
      } catch (e) {
        message.error(errorText(e), 8);
      }
    });
  return { busy, print };
}
