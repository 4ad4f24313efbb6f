import { CheckOutlined, EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Popconfirm, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { ItemHeading } from './Dossier.tsx';
import { useEventAction } from './eventApi.ts';
import type { CatalogueItem, EventDetail } from './eventTypes.ts';
import { CatalogueDueNote } from './eventUi.tsx';

function ProposalModal({
  item,
  event,
  onClose,
}: {
  item: CatalogueItem | null;
  event: EventDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ proposal: string }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill when another item is opened
  useEffect(() => {
    if (item) form.setFieldsValue({ proposal: item.proposal ?? '' });
  }, [item?.id]);
  const save = useEventAction<{ proposal: string }>({
    event,
    form,
    send: (values) =>
      unwrap(
        api.POST('/api/events/{id}/items/{itemId}/proposal', {
          params: { path: { id: event.id, itemId: item?.id ?? '' } },
          body: { proposal: values.proposal.trim(), version: item?.version ?? 0 },
        }),
      ),
    done: t('event.proposal.done'),
    onDone: onClose,
  });
  return (
    <Modal
      open={item !== null}
      title={item ? t('event.proposal.title', { number: item.appealNumber }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      {item ? (
        <div className="proposal-context">
          <div className="cell-strong">{item.appealTitle}</div>
          <div className="muted cell-small">
            {t('event.item.proposedHandlingLine', { text: item.proposedHandling })}
          </div>
        </div>
      ) : null}
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('event.item.proposal')}
          name="proposal"
          extra={t('event.proposal.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 2000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReopenModal({ open, event, onClose }: { open: boolean; event: EventDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: empty on open
  useEffect(() => {
    if (open) form.resetFields();
  }, [open]);
  const reopen = useEventAction<{ reason: string }>({
    event,
    form,
    send: (values, version) =>
      unwrap(
        api.POST('/api/events/{id}/reopen', {
          params: { path: { id: event.id } },
          body: { reason: values.reason.trim(), version },
        }),
      ),
    done: t('event.reopen.done'),
    onDone: onClose,
  });
  return (
    <Modal
      open={open}
      title={t('event.reopen.title')}
      okText={t('event.action.reopenCatalogue')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reopen.isPending}
      forceRender
    >
      <p>{t('event.reopen.help')}</p>
      <Form form={form} layout="vertical" onFinish={(values) => reopen.mutate(values)}>
        <Form.Item
          label={t('event.reopen.reason')}
          name="reason"
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 500 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 审定: the office submits the catalogue to the government office (due 4 working days before the event),
 * the deputy leader's coordination proposals are recorded per item, a leader approves the list; a change
 * after approval reopens it for a new approval, with the reason kept.
 */
export function ApprovalTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const allowed = new Set(event.allowedActions);
  const [proposalItem, setProposalItem] = useState<CatalogueItem | null>(null);
  const [reopening, setReopening] = useState(false);

  const submit = useEventAction<void>({
    event,
    send: (_, version) =>
      unwrap(api.POST('/api/events/{id}/submit', { params: { path: { id: event.id } }, body: { version } })),
    done: t('event.submit.done'),
  });
  const approve = useEventAction<void>({
    event,
    send: (_, version) =>
      unwrap(api.POST('/api/events/{id}/approve', { params: { path: { id: event.id } }, body: { version } })),
    done: t('event.approve.done'),
  });

  return (
    <section aria-labelledby="approval-title">
      <div className="section-head">
        <h2 id="approval-title" className="tab-title">
          {t('event.tab.approval')}
        </h2>
        <div className="action-buttons">
          {allowed.has('submitCatalogue') ? (
            <Popconfirm
              title={t('event.submit.confirm', { count: event.items.length })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => submit.mutateAsync().catch(() => undefined)}
            >
              <Button type="primary" icon={<SendOutlined />} loading={submit.isPending}>
                {t('event.action.submitCatalogue')}
              </Button>
            </Popconfirm>
          ) : null}
          {allowed.has('approveCatalogue') ? (
            <Popconfirm
              title={t('event.approve.confirm', { count: event.items.length })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => approve.mutateAsync().catch(() => undefined)}
            >
              <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending}>
                {t('event.action.approveCatalogue')}
              </Button>
            </Popconfirm>
          ) : null}
          {allowed.has('reopenCatalogue') ? (
            <Button icon={<RollbackOutlined />} onClick={() => setReopening(true)}>
              {t('event.action.reopenCatalogue')}
            </Button>
          ) : null}
        </div>
      </div>
      {event.status === 'submitted' && event.catalogueRevision > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('event.reopened', { revision: event.catalogueRevision })}
        />
      ) : null}
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="approval-facts">
        <Descriptions.Item label={t('event.catalogueDue')}>
          <CatalogueDueNote event={event} />
        </Descriptions.Item>
        <Descriptions.Item label={t('event.submittedAt')}>
          {event.catalogueSubmittedAt ? formatDateTime(event.catalogueSubmittedAt) : t('event.notYet')}
        </Descriptions.Item>
        <Descriptions.Item label={t('event.revision')}>
          {event.catalogueRevision > 0
            ? t('event.revision.value', { revision: event.catalogueRevision })
            : t('event.notYet')}
        </Descriptions.Item>
        <Descriptions.Item label={t('event.approvedBy')}>
          {event.catalogueApprovedAt
            ? t('event.byAt', {
                name: event.catalogueApprovedByName ?? t('common.none'),
                at: formatDateTime(event.catalogueApprovedAt),
              })
            : t('event.notYet')}
        </Descriptions.Item>
      </Descriptions>
      <h3 className="subsection-title">{t('event.proposals')}</h3>
      <p className="muted tab-help">{t('event.proposals.help')}</p>
      {event.items.length === 0 ? (
        <p className="muted">{t('event.catalogue.empty')}</p>
      ) : (
        <ol className="proposal-list">
          {event.items.map((item, index) => (
            <li key={item.id} className="proposal-item">
              <div className="proposal-head">
                <ItemHeading item={item} index={index} />
                {item.proposal ? <Tag className="proposal-tag">{t('event.proposal.recorded')}</Tag> : null}
                {allowed.has('recordProposal') ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setProposalItem(item)}
                    aria-label={t('event.proposal.title', { number: item.appealNumber })}
                  >
                    {item.proposal ? t('event.proposal.change') : t('event.proposal.record')}
                  </Button>
                ) : null}
              </div>
              <dl className="proposal-facts">
                <div>
                  <dt>{t('event.item.proposedHandling')}</dt>
                  <dd className="pre-wrap">{item.proposedHandling}</dd>
                </div>
                <div>
                  <dt>{t('event.item.proposal')}</dt>
                  <dd className="pre-wrap">{item.proposal ?? t('event.proposal.none')}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {allowed.has('recordProposal') ? (
        <ProposalModal item={proposalItem} event={event} onClose={() => setProposalItem(null)} />
      ) : null}
      {allowed.has('reopenCatalogue') ? (
        <ReopenModal open={reopening} event={event} onClose={() => setReopening(false)} />
      ) : null}
    </section>
  );
}
