import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { useShowError } from '../../api/useShowError.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CategorySelect } from './appealUi.tsx';
import { PendingFiles, uploadAttachments } from './attachments.tsx';
import { SimilarList, useSimilarPreview } from './SimilarList.tsx';
import './appeals.css';

interface Values {
  title: string;
  category: string;
  content: string;
}

/** 提交诉求: an enterprise raises an appeal, with files, and sees similar ones as it types. */
export default function SubmitAppealPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const title = Form.useWatch('title', form);
  const content = Form.useWatch('content', form);
  const similar = useSimilarPreview({ title, content });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message, notification } = App.useApp();

  const submit = useMutation({
    mutationFn: async (values: Values) => {
      const appeal = await unwrap(
        api.POST('/api/appeals/submit', {
          body: { title: values.title.trim(), category: values.category, content: values.content.trim() },
        }),
      );
      // The appeal stands even if its files fail; they can be added again on its page.
      let filesFailed: unknown = null;
      if (files.length > 0) {
        try {
          await uploadAttachments(appeal.id, files);
        } catch (error) {
          filesFailed = error;
        }
      }
      return { appeal, filesFailed };
    },
    onSuccess: async ({ appeal, filesFailed }) => {
      await queryClient.invalidateQueries({ queryKey: keys.appeals });
      if (filesFailed) {
        showError(filesFailed);
        notification.warning({
          title: t('submit.filesFailed.title', { number: appeal.number }),
          description: t('submit.filesFailed.detail'),
          duration: 10,
        });
      } else {
        message.success(t('submit.done', { number: appeal.number }));
      }
      navigate(`/appeals/${appeal.id}`);
    },
    onError: (error) => showError(error, { form, fields: { 'appeal.unknown_category': 'category' } }),
  });

  const hits = similar.data ?? [];

  return (
    <>
      <PageHeader title={t('menu.submitAppeal')} description={t('submit.description')} />
      <div className="form-layout">
        <Card className="form-main">
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={(values) => submit.mutate(values)}
            scrollToFirstError
          >
            <Form.Item
              label={t('appeal.title')}
              name="title"
              extra={t('appeal.title.help')}
              rules={[
                { required: true, whitespace: true },
                { min: 4, max: 100 },
              ]}
            >
              <Input maxLength={100} showCount />
            </Form.Item>
            <Form.Item label={t('appeal.category')} name="category" rules={[{ required: true }]}>
              <CategorySelect placeholder={t('appeal.category.placeholder')} />
            </Form.Item>
            <Form.Item
              label={t('appeal.content')}
              name="content"
              extra={t('appeal.content.help')}
              rules={[
                { required: true, whitespace: true },
                { min: 10, max: 5000 },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={5000} showCount />
            </Form.Item>
            {similar.enough && hits.length > 0 ? (
              <section className="similar-hint" aria-labelledby="similar-hint-title" aria-live="polite">
                <Alert
                  type="info"
                  showIcon
                  title={
                    <span id="similar-hint-title">{t('submit.similar.title', { count: hits.length })}</span>
                  }
                  description={t('submit.similar.detail')}
                />
                <SimilarList items={hits} loading={similar.isFetching} emptyText="" newTab />
              </section>
            ) : null}
            <Form.Item label={t('attachment.title')}>
              <PendingFiles files={files} onChange={setFiles} />
            </Form.Item>
            <div className="form-actions">
              <Button type="primary" htmlType="submit" loading={submit.isPending} size="large">
                {t('submit.submit')}
              </Button>
              <Button size="large" onClick={() => navigate('/appeals/mine')}>
                {t('common.cancel')}
              </Button>
            </div>
          </Form>
        </Card>
      </div>
    </>
  );
}
