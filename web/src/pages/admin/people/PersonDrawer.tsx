import type { Role } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Grid, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api, isApiError, unwrap } from '../../../api/client.ts';
import { keys } from '../../../api/queries.ts';
import type { Person } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { ConflictAlert } from '../../../components/ConflictAlert.tsx';
import { RolesSelect, UnitSelect } from '../../../components/OrgSelects.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { STRONG_PASSWORD } from '../../account/ChangePasswordForm.tsx';
import { PHONE } from '../../account/ProfileForm.tsx';

interface Values {
  username: string;
  name: string;
  title?: string;
  unitId: string;
  phone?: string;
  email?: string;
  roles: Role[];
  password: string;
}

interface Props {
  open: boolean;
  /** The person being edited, or null to create one. */
  person: Person | null;
  onClose: () => void;
}

function valuesOf(person: Person): Partial<Values> {
  return {
    username: person.username,
    name: person.name,
    title: person.title ?? undefined,
    unitId: person.unitId ?? undefined,
    phone: person.phone ?? undefined,
    email: person.email ?? undefined,
    roles: person.roles,
  };
}

const blankToNull = (value: string | undefined) => value?.trim() || null;

export function PersonDrawer({ open, person, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [conflict, setConflict] = useState(false);
  const editingId = person?.id ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open or a different person
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setConflict(false);
    if (person) form.setFieldsValue(valuesOf(person));
  }, [open, editingId]);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const common = {
        name: values.name.trim(),
        title: blankToNull(values.title),
        unitId: values.unitId,
        phone: blankToNull(values.phone),
        email: blankToNull(values.email),
        roles: values.roles,
      };
      if (!person) {
        return unwrap(
          api.POST('/api/org/people', {
            body: { ...common, username: values.username.trim(), password: values.password },
          }),
        );
      }
      return unwrap(
        api.PATCH('/api/org/people/{id}', {
          params: { path: { id: person.id } },
          body: { ...common, version: person.version },
        }),
      );
    },
    onSuccess: async () => {
      message.success(person ? t('common.saved') : t('people.created'));
      await queryClient.invalidateQueries({ queryKey: keys.people });
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 'request.conflict')) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: keys.people });
        return;
      }
      showError(error, { form });
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={person ? t('people.edit.title', { name: person.name }) : t('people.create.title')}
      size={screens.sm ? 560 : '100%'}
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
            if (person) form.setFieldsValue(valuesOf(person));
            setConflict(false);
          }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('person.username')}
          name="username"
          extra={person ? undefined : t('people.username.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 3, max: 40 },
            { pattern: /^[a-zA-Z0-9_.-]+$/, message: t('people.username.pattern') },
          ]}
        >
          <Input disabled={Boolean(person)} autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item
          label={t('person.name')}
          name="name"
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label={t('person.title')} name="title" rules={[{ max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label={t('person.unit')} name="unitId" rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item label={t('person.roles')} name="roles" rules={[{ required: true, type: 'array', min: 1 }]}>
          <RolesSelect />
        </Form.Item>
        <Form.Item
          label={t('person.phone')}
          name="phone"
          rules={[{ pattern: PHONE, message: t('person.phone.invalid') }]}
        >
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('person.email')}
          name="email"
          rules={[{ type: 'email', message: t('person.email.invalid') }]}
        >
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
        {person ? null : (
          <Form.Item
            label={t('people.initialPassword')}
            name="password"
            extra={t('people.initialPassword.help')}
            rules={[{ required: true }, { pattern: STRONG_PASSWORD, message: t('password.rule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
