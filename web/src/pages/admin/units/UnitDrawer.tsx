import { type UnitType, unitTypeLabels, unitTypes } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Drawer, Form, Grid, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, isApiError, unwrap } from '../../../api/client.ts';
import { keys } from '../../../api/queries.ts';
import type { Unit } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { ConflictAlert } from '../../../components/ConflictAlert.tsx';
import { RegionSelect, UnitSelect } from '../../../components/OrgSelects.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

interface Values {
  name: string;
  shortName?: string;
  type: UnitType;
  regionId: string;
  parentId?: string;
  isCollector: boolean;
  sortOrder: number;
}

interface Props {
  open: boolean;
  /** The unit being edited (its latest version from the list), or null to create one. */
  unit: Unit | null;
  onClose: () => void;
}

function valuesOf(unit: Unit | null): Partial<Values> {
  if (!unit) return { isCollector: false, sortOrder: 1000 };
  return {
    name: unit.name,
    shortName: unit.shortName ?? undefined,
    type: unit.type,
    regionId: unit.regionId,
    parentId: unit.parentId ?? undefined,
    isCollector: unit.isCollector,
    sortOrder: unit.sortOrder,
  };
}

export function UnitDrawer({ open, unit, onClose }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [conflict, setConflict] = useState(false);
  const regionId = Form.useWatch('regionId', form);
  const editingId = unit?.id ?? null;

  // A fresh form whenever the drawer opens for another unit (or for a new one).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open or a different unit
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(unit));
    setConflict(false);
  }, [open, editingId]);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const body = {
        name: values.name,
        shortName: values.shortName?.trim() || null,
        type: values.type,
        regionId: values.regionId,
        parentId: values.parentId ?? null,
        isCollector: values.isCollector,
        sortOrder: values.sortOrder,
      };
      if (!unit) return unwrap(api.POST('/api/org/units', { body }));
      return unwrap(
        api.PATCH('/api/org/units/{id}', {
          params: { path: { id: unit.id } },
          body: { ...body, version: unit.version },
        }),
      );
    },
    onSuccess: async () => {
      message.success(unit ? t('common.saved') : t('common.created'));
      await queryClient.invalidateQueries({ queryKey: keys.allUnits });
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 'request.conflict')) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: keys.allUnits });
        return;
      }
      showError(error, { form });
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={unit ? t('units.edit.title', { name: unit.name }) : t('units.create.title')}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            form.setFieldsValue(valuesOf(unit));
            setConflict(false);
          }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('units.name')}
          name="name"
          rules={[{ required: true, whitespace: true, min: 2, max: 60 }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('units.shortName')} name="shortName" rules={[{ max: 20 }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label={t('units.type')} name="type" rules={[{ required: true }]}>
          <Select<UnitType>
            options={unitTypes.map((type) => ({ value: type, label: label(unitTypeLabels[type]) }))}
          />
        </Form.Item>
        <Form.Item label={t('units.region')} name="regionId" rules={[{ required: true }]}>
          <RegionSelect />
        </Form.Item>
        <Form.Item label={t('units.parent')} name="parentId" extra={t('units.parent.help')}>
          <UnitSelect regionId={regionId} allowClear />
        </Form.Item>
        <Form.Item name="isCollector" valuePropName="checked" extra={t('units.isCollector.help')}>
          <Checkbox>{t('units.isCollector')}</Checkbox>
        </Form.Item>
        <Form.Item label={t('common.sortOrder')} name="sortOrder" rules={[{ required: true }]}>
          <InputNumber controls={false} min={0} max={100000} precision={0} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
