import { PlusOutlined } from '@ant-design/icons';
import { type AppealChannel, appealChannels } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { keys, useUnits } from '../../api/queries.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EnterpriseDrawer } from '../enterprises/EnterpriseDrawer.tsx';
import { EnterprisePicker } from '../enterprises/enterpriseUi.tsx';
import { CategorySelect, ChannelSelect } from './appealUi.tsx';
import { PendingFiles, uploadAttachments } from './attachments.tsx';
import { SimilarList, useSimilarPreview } from './SimilarList.tsx';
import './appeals.css';

interface Values {
  enterpriseId: string;
  channel: AppealChannel;
  collectingUnitId?: string;
  category: string;
  title: string;
  content: string;
}

/** Every channel but "online", which is the enterprise's own submission. */
const RECORD_CHANNELS = appealChannels.filter((channel) => channel !== 'online');

/** 登记诉求: a collector or the office records one appeal gathered through a channel. */
export default function RecordAppealPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [recorded, setRecorded] = useState<{ appeal: AppealDetail; filesFailed: boolean } | null>(null);
  const [registering, setRegistering] = useState(false);
  const [newEnterprise, setNewEnterprise] = useState<{ id: string; name: string } | null>(null);
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const title = Form.useWatch('title', form);
  const content = Form.useWatch('content', form);
  const similar = useSimilarPreview({ enterpriseId, title, content });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  // Only the office records on behalf of another collecting unit; a collector records for its own.
  const mayPickUnit = roles.includes('taskForceOffice');
  const units = useUnits();
  const collectingUnits = (units.data ?? []).filter((unit) => unit.isCollector);

  const record = useMutation({
    mutationFn: async (values: Values) => {
      const appeal = await unwrap(
        api.POST('/api/appeals', {
          body: {
            enterpriseId: values.enterpriseId,
            channel: values.channel,
            collectingUnitId: values.collectingUnitId || undefined,
            category: values.category,
            title: values.title.trim(),
            content: values.content.trim(),
          },
        }),
      );
      let filesFailed = false;
      if (files.length > 0) {
        try {
          await uploadAttachments(appeal.id, files);
        } catch (error) {
          filesFailed = true;
          showError(error);
        }
      }
      return { appeal, filesFailed };
    },
    onSuccess: async (result) => {
      message.success(t('record.done', { number: result.appeal.number }));
      setRecorded(result);
      await queryClient.invalidateQueries({ queryKey: keys.appeals });
    },
    onError: (error) => showError(error, { form, fields: { 'appeal.unknown_category': 'category' } }),
  });

  const again = () => {
    const keep = form.getFieldsValue(['channel', 'collectingUnitId']);
    form.resetFields();
    form.setFieldsValue(keep);
    setFiles([]);
    setRecorded(null);
  };

  if (recorded) {
    return (
      <>
        <PageHeader title={t('menu.recordAppeal')} />
        <Card>
          <Result
            status="success"
            title={<h2 className="result-title">{t('record.done', { number: recorded.appeal.number })}</h2>}
            subTitle={recorded.filesFailed ? t('record.filesFailed') : recorded.appeal.title}
            extra={[
              <Button key="open" type="primary" onClick={() => navigate(`/appeals/${recorded.appeal.id}`)}>
                {t('record.open')}
              </Button>,
              <Button key="again" onClick={again}>
                {t('record.again')}
              </Button>,
            ]}
          />
        </Card>
      </>
    );
  }

  const hits = similar.data;

  return (
    <>
      <PageHeader title={t('menu.recordAppeal')} description={t('record.description')} />
      <div className="form-layout form-layout-aside">
        <Card className="form-main">
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={(values) => record.mutate(values)}
            scrollToFirstError
          >
            <Form.Item
              label={t('appeal.enterprise')}
              htmlFor="record-enterprise"
              required
              extra={t('record.enterprise.help')}
            >
              <div className="picker-row">
                <Form.Item
                  name="enterpriseId"
                  noStyle
                  rules={[{ required: true, message: t('record.enterprise.required') }]}
                >
                  <EnterprisePicker
                    id="record-enterprise"
                    initialLabel={newEnterprise?.id === enterpriseId ? newEnterprise?.name : null}
                  />
                </Form.Item>
                <Button icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                  {t('enterprise.create')}
                </Button>
              </div>
            </Form.Item>
            <Form.Item label={t('appeal.channel')} name="channel" rules={[{ required: true }]}>
              <ChannelSelect channels={RECORD_CHANNELS} />
            </Form.Item>
            {mayPickUnit ? (
              <Form.Item
                label={t('appeal.collectingUnit')}
                name="collectingUnitId"
                extra={t('record.collectingUnit.help')}
              >
                <Select<string>
                  allowClear
                  loading={units.isLoading}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={collectingUnits.map((unit) => ({ value: unit.id, label: unit.name }))}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            ) : null}
            <Form.Item label={t('appeal.category')} name="category" rules={[{ required: true }]}>
              <CategorySelect />
            </Form.Item>
            <Form.Item
              label={t('appeal.title')}
              name="title"
              rules={[
                { required: true, whitespace: true },
                { min: 4, max: 100 },
              ]}
            >
              <Input maxLength={100} showCount />
            </Form.Item>
            <Form.Item
              label={t('appeal.content')}
              name="content"
              rules={[
                { required: true, whitespace: true },
                { min: 10, max: 5000 },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item label={t('attachment.title')}>
              <PendingFiles files={files} onChange={setFiles} />
            </Form.Item>
            {similar.enough && hits && hits.length > 0 ? (
              <p className="similar-note" aria-live="polite">
                {t('submit.similar.title', { count: hits.length })}{' '}
                <a href="#record-similar-title">{t('record.similar.see')}</a>
              </p>
            ) : null}
            <div className="form-actions">
              <Button type="primary" htmlType="submit" loading={record.isPending}>
                {t('record.submit')}
              </Button>
            </div>
          </Form>
        </Card>
        <aside className="form-aside" aria-labelledby="record-similar-title">
          <Card>
            <Typography.Title level={2} className="section-title" id="record-similar-title">
              {t('similar.title')}
            </Typography.Title>
            <p className="muted">{t('record.similar.help')}</p>
            <div aria-live="polite">
              {similar.enough ? (
                <SimilarList items={hits} loading={similar.isFetching} emptyText={t('similar.none')} newTab />
              ) : (
                <p className="muted">{t('record.similar.waiting')}</p>
              )}
            </div>
          </Card>
        </aside>
      </div>
      <EnterpriseDrawer
        open={registering}
        enterpriseId={null}
        onClose={() => setRegistering(false)}
        onSaved={(enterprise) => {
          setRegistering(false);
          setNewEnterprise({ id: enterprise.id, name: `${enterprise.name}（${enterprise.regionName}）` });
          form.setFieldsValue({ enterpriseId: enterprise.id });
          void form.validateFields(['enterpriseId']);
        }}
      />
    </>
  );
}
