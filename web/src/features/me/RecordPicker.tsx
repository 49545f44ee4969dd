import { Select } from 'antd';
import { useId } from 'react';
import type { MyRecord } from './labels.ts';

/** Choosing one of my records when a page was opened without one (?record=…). */
export function RecordPicker({
  records,
  value,
  onChange,
  label,
}: {
  records: readonly MyRecord[];
  value: string | undefined;
  onChange: (recordId: string) => void;
  label: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <Select
        id={id}
        className="record-picker"
        value={value}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
        options={records.map((r) => ({
          value: r.id,
          label: `${r.itemName}（${r.identifiedOn}）`,
        }))}
      />
    </div>
  );
}
