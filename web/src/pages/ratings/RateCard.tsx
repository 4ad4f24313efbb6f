import {
  dissatisfactionReasonLabels,
  dissatisfactionReasons,
  ratingValueLabels,
  ratingValues,
} from '@f2f/contract';
import { Button, Form, Input, Radio, Select } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { UnitRoleTag } from '../handling/handlingUi.tsx';
import { type DissatisfactionReason, type Rating, type RatingValue, useRatingsAction } from './ratingsApi.ts';

interface Values {
  value: RatingValue;
  reason?: DissatisfactionReason;
  comment?: string;
}

/**
 * The enterprise rates one handling unit, on a phone as well as on a desk: three big choices, and
 * when 不满意 the reason; a comment if it likes; by the rating's due date.
 */
export function RateCard({ appealId, rating }: { appealId: string; rating: Rating }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const value = Form.useWatch('value', form);
  const headingId = `rate-${rating.id}`;

  const mutation = useRatingsAction<Values>({
    appealId,
    form,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/ratings/{ratingId}', {
          params: { path: { id: appealId, ratingId: rating.id } },
          body: {
            value: values.value,
            reason: values.value === 'dissatisfied' ? values.reason : undefined,
            comment: values.comment?.trim() ? values.comment.trim() : undefined,
          },
        }),
      ),
    done: () => t('ratings.done', { unit: rating.unitName }),
  });

  return (
    <li className="rating-card" aria-labelledby={headingId}>
      <div className="rating-card-head">
        <h3 id={headingId} className="rating-unit">
          {rating.unitName}
        </h3>
        <UnitRoleTag role={rating.role} />
      </div>
      <div className="muted rating-due">{t('ratings.dueDate', { date: rating.dueDate })}</div>
      <Form<Values>
        form={form}
        name={`rate-${rating.id}`}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item label={t('ratings.value')} name="value" rules={[{ required: true }]}>
          <Radio.Group
            className="rating-choices"
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={ratingValues.map((choice) => ({
              value: choice,
              label: label(ratingValueLabels[choice]),
            }))}
          />
        </Form.Item>
        {value === 'dissatisfied' ? (
          <Form.Item label={t('ratings.reason')} name="reason" rules={[{ required: true }]}>
            <Select<DissatisfactionReason>
              size="large"
              options={dissatisfactionReasons.map((reason) => ({
                value: reason,
                label: label(dissatisfactionReasonLabels[reason]),
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t('ratings.comment')}
          name="comment"
          extra={t('ratings.comment.help')}
          rules={[{ max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={mutation.isPending}>
          {t('ratings.submit')}
        </Button>
      </Form>
    </li>
  );
}
