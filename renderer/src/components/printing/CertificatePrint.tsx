// Printing certificates from the list: one from its row, or the rows ticked (打印所选). The PDF
// is built on the server (certificates.pdf) and downloaded under a name that says whose it is.
import { useState } from 'react';
import { Button } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { rpc } from '../../rpc';
import { usePdfDownload } from './usePdfDownload';

const usePrint = () => usePdfDownload((numbers: string[]) => rpc('certificates.pdf', { numbers }));

/** The row action: this one certificate. */
export function PrintOneCertificate({ number }: { number: string }) {
  const { t } = useI18n();
  const { busy, print } = usePrint();
  return (
    <Button size="small" type="link" loading={busy} onClick={() => void print([number])} data-testid={`print-${number}`}>
      {t('print.one')}
    </Button>
  );
}

/** Ticks on the table's rows (only valid certificates can be ticked) and the 打印所选 button. */
export function useCertificateSelection<R extends { number: string; status: string }>() {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, print } = usePrint();
  const rowSelection = {
    selectedRowKeys: selected,
    onChange: (keys: React.Key[]) => setSelected(keys.map(String)),
    getCheckboxProps: (r: R) => ({ disabled: r.status !== 'issued' }),
  };
  const button = (
    <Button icon={<FilePdfOutlined />} disabled={selected.length === 0} loading={busy} onClick={() => void print(selected)} data-testid="print-selected">
      {selected.length ? t('print.selectedN', { n: selected.length }) : t('print.selected')}
    </Button>
  );
  return { rowSelection, button, clear: () => setSelected([]) };
}
