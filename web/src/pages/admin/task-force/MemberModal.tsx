import { taskForcePositionLabels, taskForcePositions } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { keys } from '../../../api/queries.ts';
import type { TaskForceMember, TaskForceMemberInput } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { PersonSelect, UnitSelect } from '../../../components/OrgSelects.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

type Position = (typeof taskForcePositions)[number];

interface Values {
  position: Position;
  personName: string;
  title: string;
  unitId?: string;
  personId?: string;
  sortOrder: number;
}

interface Props {
  open: boolean;
  regionId: string;
  /** The member being edited, or null to add one. */
  member: TaskForceMember | null;
  onClose: () => void;
}

export function MemberModal({ open, regionId, member, onClose }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open or a different member
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (member) {
      form.setFieldsValue({
        position: member.position,
        personName: member.personName,
        title: member.title,
        unitId: member.unitId ?? undefined,
        personId: member.personId ?? undefined,
        sortOrder: member.sortOrder,
      });
    }
  }, [open, member?.id]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: TaskForceMemberInput = {
        regionId,
        position: values.position,
        personName: values.personName.trim(),
        title: values.title.trim(),
        unitId: values.unitId ?? null,
        personId: values.personId ?? null,
        sortOrder: values.sortOrder,
      };
      if (!member) return unwrap(api.POST('/api/org/task-force', { body }));
      return unwrap(api.PUT('/api/org/task-force/{id}', { params: { path: { id: member.id } }, body }));
    },
    onSuccess: async () => {
      message.success(member ? t('common.saved') : t('taskForce.added'));
      await queryClient.invalidateQueries({ queryKey: keys.taskForce(regionId) });
      onClose();
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Modal
      open={open}
      title={member ? t('taskForce.edit.title', { name: member.personName }) : t('taskForce.add.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ position: 'member', sortOrder: 100 }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item label={t('taskForce.position')} name="position" rules={[{ required: true }]}>
          <Select<Position>
            options={taskForcePositions.map((value) => ({
              value,
              label: label(taskForcePositionLabels[value]),
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('taskForce.personName')}
          name="personName"
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          label={t('taskForce.title')}
          name="title"
          extra={t('taskForce.title.help')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('taskForce.unit')} name="unitId" extra={t('taskForce.unit.help')}>
          <UnitSelect allowClear />
        </Form.Item>
        <Form.Item label={t('taskForce.account')} name="personId" extra={t('taskForce.account.help')}>
          <PersonSelect allowClear initialLabel={member?.personName} />
        </Form.Item>
        <Form.Item label={t('common.sortOrder')} name="sortOrder" rules={[{ required: true }]}>
          <InputNumber controls={false} min={0} max={100000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
