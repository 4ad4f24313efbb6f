import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiError } from './client.ts';

/** Error codes that belong to one form field, so the message shows under that field too. */
const fieldOfCode: Record<string, string> = {
  'org.unit_name_taken': 'name',
  'org.username_taken': 'username',
  'auth.wrong_password': 'currentPassword',
  'auth.weak_password': 'newPassword',
  'auth.password_reused': 'newPassword',
};

/** "body.days.3.date" → ['days', 3, 'date'], the name path of the Form field. */
function namePath(field: string): (string | number)[] {
  return field
    .replace(/^(body|querystring|params)\.?/, '')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export interface ShowErrorOptions {
  form?: FormInstance;
  /** Extra code → field mapping for this form. */
  fields?: Record<string, string>;
}

/**
 * Shows an API error the way people can act on it: the server's message (already in the
 * interface language) as a toast, and field problems under the fields of the form.
 * Lost sessions are not shown: the app is already on its way to the sign-in page.
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useI18n();

  return useCallback(
    (error: unknown, options: ShowErrorOptions = {}) => {
      if (!(error instanceof ApiError)) {
        message.error(t('error.unexpected'));
        return;
      }
      if (error.code === 'auth.unauthenticated' || error.code === 'auth.password_change_required') return;
      const { form } = options;
      if (form) {
        const problems = error.fieldProblems.map((problem) => ({
          name: namePath(problem.field),
          errors: [problem.message],
        }));
        const field = options.fields?.[error.code] ?? fieldOfCode[error.code];
        if (field) problems.push({ name: [field], errors: [error.message] });
        if (problems.length > 0) form.setFields(problems);
      }
      let text = error.message;
      if (!text) text = error.status === 0 ? t('error.network') : t('error.server', { status: error.status });
      if (error.requestId) text = t('error.withRequestId', { message: text, id: error.requestId });
      message.error({ content: text, key: error.code, duration: 5 });
    },
    [message, t],
  );
}
