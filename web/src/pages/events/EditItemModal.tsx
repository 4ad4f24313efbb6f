import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { UnitsSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useEventAction } from './eventApi.ts';
import type { CatalogueItem, EventDetail } from './eventTypes.ts';

interface Values {
  proposedHandling: string;
  unitIds: string[];
}

/** Edits one catalogue item: the office's proposed handling and the units it mainly concerns. */
export function EditItemModal({
  item,
  event,
  onClose,
}: {
  item: CatalogueItem | null;
  event: EventDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill when another item is opened
  useEffect(() => {
    if (item) form.setFieldsValue({ proposedHandling: item.proposedHandling, unitIds: item.unitIds });
  }, [item?.id]);

  const save = useEventAction<Values>({
    event,
    form,
    send: (values) =>
      unwrap(
        api.PATCH('/api/events/{id}/items/{itemId}', {
          params: { path: { id: event.id, itemId: item?.id ?? '' } },
          body: {
            proposedHandling: values.proposedHandling.trim(),
            unitIds: values.unitIds,
            version: item?.version ?? 0,
          },
        }),
      ),
    done: t('common.saved'),
    fields: { 'verification.unit_repeated': 'unitIds', 'org.unit_not_found': 'unitIds' },
    onDone: onClose,
  });

  return (
    <Modal
      open={item !== null}
      title={item ? t('event.item.edit', { number: item.appealNumber }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('event.item.proposedHandling')}
          name="proposedHandling"
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 2000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          label={t('event.item.units')}
          name="unitIds"
          extra={t('event.item.units.help')}
          rules={[{ required: true, type: 'array', min: 1, max: 10 }]}
        >
          <UnitsSelect maxCount={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
