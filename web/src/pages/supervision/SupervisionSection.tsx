import { FileWordOutlined, MessageOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { todayIso } from '../verification/verificationUi.tsx';
import {
  downloadNotice,
  type SupervisionAction,
  useAppealSupervision,
  useSupervisionAction,
} from './supervisionApi.ts';
import { LevelTag, useLevelName } from './supervisionUi.tsx';
import './supervision.css';
import '../verification/verification.css';

/** Those who may read an appeal's working notes; the server decides for the appeal itself. */
const READERS = [
  'taskForceOffice',
  'leader',
  'governmentOffice',
  'supervisionOffice',
  'handler',
  'unitLeader',
] as const;

interface AnswerValues {
  answer: string;
}

function AnswerModal({ action, onClose }: { action: SupervisionAction | null; onClose: () => void }) {
  const { t } = useI18n();
  const levelName = useLevelName();
  const [form] = Form.useForm<AnswerValues>();
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  const mutation = useSupervisionAction<AnswerValues>({
    form,
    fields: { 'request.invalid': 'answer' },
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/supervision/actions/{id}/answer', {
          params: { path: { id: action?.id ?? '' } },
          body: { answer: values.answer.trim() },
        }),
      ),
    done: () => t('supervision.section.answered'),
  });
  return (
    <Modal
      open={action !== null}
      title={action ? t('supervision.section.answerTitle', { level: levelName(action.level) }) : ''}
      okText={t('supervision.section.answer')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      forceRender
    >
      {action ? <div className="verify-text supervision-modal-note">{action.note}</div> : null}
      <Form<AnswerValues> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('supervision.section.answerLabel')}
          name="answer"
          extra={t('supervision.section.answerHelp')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StepItem({ action, onAnswer }: { action: SupervisionAction; onAnswer: () => void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const download = useMutation({
    mutationFn: () => downloadNotice(action.id, `督办单-${action.documentNumber ?? ''}.docx`),
    onError: (error) => showError(error),
  });
  const overdue = action.status === 'open' && action.answerDueDate < todayIso();
  return (
    <li className={overdue ? 'verify-item request-item-overdue' : 'verify-item'}>
      <div className="verify-item-head">
        <LevelTag level={action.level} />
        <span className="cell-strong">{action.unitName}</span>
        {action.documentNumber ? (
          <span>{t('supervision.section.number', { number: action.documentNumber })}</span>
        ) : null}
        <span className={overdue ? 'supervision-late' : 'muted'}>
          {action.status === 'open'
            ? t('supervision.section.openDue', { date: action.answerDueDate })
            : t('supervision.section.answerDue', { date: action.answerDueDate })}
        </span>
      </div>
      <div className="verify-text">{action.note}</div>
      <div className="muted verify-meta">
        {t('supervision.section.issuedBy', {
          name: action.createdByName ?? t('common.none'),
          at: formatDateTime(action.createdAt),
        })}
      </div>
      {action.answer ? (
        <div className="supervision-step-answer">
          <div className="verify-text">{action.answer}</div>
          <div className="muted verify-meta">
            {t('supervision.section.answeredBy', {
              name: action.answeredByName ?? t('common.none'),
              at: action.answeredAt ? formatDateTime(action.answeredAt) : '',
            })}
            {action.answeredLate ? (
              <span className="supervision-late"> {t('supervision.section.lateAnswer')}</span>
            ) : null}
          </div>
        </div>
      ) : null}
      {action.canAnswer || action.documentNumber ? (
        <div className="verify-actions supervision-actions">
          {action.canAnswer ? (
            <Button type="primary" icon={<MessageOutlined />} onClick={onAnswer}>
              {t('supervision.section.answer')}
            </Button>
          ) : null}
          {action.documentNumber ? (
            <Button
              icon={<FileWordOutlined />}
              loading={download.isPending}
              onClick={() => download.mutate()}
            >
              {t('supervision.download')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** 督办记录: the appeal's supervision steps; the lead unit's staff answer an open one. */
export function SupervisionSection({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const { roles } = useSession();
  const enabled = roles.some((role) => (READERS as readonly string[]).includes(role));
  const query = useAppealSupervision(appeal.id, enabled);
  const [answering, setAnswering] = useState<SupervisionAction | null>(null);
  const actions = query.data?.actions ?? [];
  if (!enabled || actions.length === 0) return null;
  return (
    <Card className="section-card supervision-section">
      <Typography.Title level={2} className="section-title">
        {t('supervision.section.title')}
        <span className="section-count muted">{actions.length}</span>
      </Typography.Title>
      <ul className="verify-list">
        {actions.map((action) => (
          <StepItem key={action.id} action={action} onAnswer={() => setAnswering(action)} />
        ))}
      </ul>
      <AnswerModal action={answering} onClose={() => setAnswering(null)} />
    </Card>
  );
}
