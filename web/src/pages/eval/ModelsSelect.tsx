/** Several model names picked or typed (an alias or `provider/model`): the knowledge pages' model picker, as a multi-select. */
import { Select } from 'antd';
import { useModelOptions } from '../knowledge/ModelPicker.tsx';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  max?: number;
  'data-testid'?: string;
}

export function ModelsSelect({ value, onChange, placeholder, max, 'data-testid': testId }: Props) {
  const options = useModelOptions();
  return (
    <Select
      data-testid={testId}
      mode="tags"
      value={value}
      onChange={(v: string[]) => onChange?.([...new Set(v.map((m) => m.trim()).filter(Boolean))])}
      options={options}
      maxCount={max}
      tokenSeparators={[',', ' ']}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}
