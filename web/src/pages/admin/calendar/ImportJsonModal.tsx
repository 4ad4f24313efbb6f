import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { type HolidayCnFile, parseHolidayCn } from './holidayCn.ts';

interface Props {
  open: boolean;
  year: number;
  onClose: () => void;
  onImport: (file: HolidayCnFile) => void;
}

/** Paste a year file in the holiday-cn format; its days replace the editor's rows. */
export function ImportJsonModal({ open, year, onClose, onImport }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const result = parseHolidayCn(text, year);
    if (!result.ok) {
      setProblem(t(`calendar.import.problem.${result.problem}`, { at: result.at ?? '', year }));
      return;
    }
    onImport(result.file);
    setText('');
    setProblem(null);
  };

  return (
    <Modal
      open={open}
      title={t('calendar.import.title', { year })}
      okText={t('calendar.import.submit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <p className="muted">{t('calendar.import.help')}</p>
      <Form layout="vertical">
        <Form.Item
          label={t('calendar.import.label')}
          htmlFor="calendar-import-json"
          validateStatus={problem ? 'error' : undefined}
          help={problem ?? undefined}
        >
          <Input.TextArea
            id="calendar-import-json"
            rows={12}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
            placeholder={`{"year": ${year}, "papers": ["…"], "days": [{"name": "元旦", "date": "${year}-01-01", "isOffDay": true}]}`}
            className="code-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
