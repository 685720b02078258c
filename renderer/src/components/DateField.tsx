// A date picker holding the plain 'YYYY-MM-DD' text the operations take (services/shared/dates.ts).
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export function DateField({ value, onChange, testId, width }: { value?: string | null; onChange?: (v: string) => void; testId?: string; width?: number | string }) {
  return (
    // Enter in the field confirms the date typed; it must not also submit the form around it.
    <span data-testid={testId} style={{ display: 'inline-block', width: width ?? '100%' }} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
      <DatePicker
        style={{ width: '100%' }}
        format="YYYY-MM-DD"
        value={value ? dayjs(value, 'YYYY-MM-DD') : null}
        onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
      />
    </span>
  );
}
