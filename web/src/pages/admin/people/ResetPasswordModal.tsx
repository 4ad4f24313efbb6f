import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { api, unwrap } from '../../../api/client.ts';
import type { Person } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { STRONG_PASSWORD } from '../../account/ChangePasswordForm.tsx';

interface Values {
  password: string;
}

/** Sets a new initial password; the person must change it at the next sign-in. */
export function ResetPasswordModal({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const { message } = App.useApp();

  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      unwrap(
        api.POST('/api/org/people/{id}/reset-password', { params: { path: { id } }, body: { password } }),
      ),
    onSuccess: () => {
      message.success(t('people.resetPassword.done'));
      onClose();
    },
    onError: (error) => showError(error, { form }),
  });

  return (
    <Modal
      open={person !== null}
      title={person ? t('people.resetPassword.title', { name: person.name }) : ''}
      okText={t('people.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <p>{t('people.resetPassword.help')}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={({ password }) => person && reset.mutate({ id: person.id, password })}
      >
        <Form.Item
          label={t('people.newPassword')}
          name="password"
          rules={[{ required: true }, { pattern: STRONG_PASSWORD, message: t('password.rule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
