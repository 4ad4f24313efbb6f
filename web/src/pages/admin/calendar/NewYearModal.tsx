import { Form, InputNumber, Modal } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

interface Props {
  open: boolean;
  knownYears: number[];
  onClose: () => void;
  onChoose: (year: number) => void;
}

/** Asks which year to add; the editor then opens empty (or fills from pasted holiday-cn JSON). */
export function NewYearModal({ open, knownYears, onClose, onChoose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ year: number }>();
  const suggested = Math.max(dayjs().year(), ...knownYears) + 1;

  return (
    <Modal
      open={open}
      title={t('calendar.addYear')}
      okText={t('common.next')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="new-year"
        layout="vertical"
        initialValues={{ year: suggested }}
        onFinish={({ year }) => onChoose(year)}
      >
        <Form.Item
          label={t('calendar.year')}
          name="year"
          rules={[
            { required: true },
            {
              validator: (_, value: number | undefined) =>
                value !== undefined && knownYears.includes(value)
                  ? Promise.reject(new Error(t('calendar.year.exists', { year: value })))
                  : Promise.resolve(),
            },
          ]}
        >
          <InputNumber controls={false} min={2000} max={2100} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
