import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Col, DatePicker, Form, InputNumber, Radio, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { ApiError, api, unwrap } from '../../../api/client.ts';
import type { DayInfo } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

const DATE = 'YYYY-MM-DD';

function Outcome({ error, children }: { error: unknown; children: ReactNode }) {
  const { t } = useI18n();
  if (error) {
    const text = error instanceof ApiError && error.message ? error.message : t('error.unexpected');
    return <Alert type="error" showIcon title={text} className="calc-result" />;
  }
  if (!children) return null;
  return (
    <div className="calc-result" role="status">
      {children}
    </div>
  );
}

function ShiftForm() {
  const { t } = useI18n();
  const shift = useMutation({
    mutationFn: ({ date, days }: { date: string; days: number }) =>
      unwrap(api.GET('/api/calendar/shift', { params: { query: { date, days } } })),
  });
  return (
    <Form<{ date: Dayjs; days: number; direction: 'after' | 'before' }>
      name="shift"
      layout="vertical"
      initialValues={{ days: 4, direction: 'before' }}
      onFinish={({ date, days, direction }) =>
        shift.mutate({ date: date.format(DATE), days: direction === 'before' ? -days : days })
      }
    >
      <Form.Item label={t('calc.startDate')} name="date" rules={[{ required: true }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item label={t('calc.workdays')} name="days" rules={[{ required: true }]}>
        <InputNumber controls={false} min={0} max={1000} precision={0} className="full-width" />
      </Form.Item>
      <Form.Item label={t('calc.direction')} name="direction">
        <Radio.Group
          options={[
            { value: 'before', label: t('calc.before') },
            { value: 'after', label: t('calc.after') },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={shift.isPending}>
        {t('calc.shift.submit')}
      </Button>
      <Outcome error={shift.error}>
        {shift.data
          ? t('calc.shift.result', { date: shift.data.date, weekday: dayjs(shift.data.date).format('dddd') })
          : null}
      </Outcome>
    </Form>
  );
}

function BetweenForm() {
  const { t } = useI18n();
  const between = useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) =>
      unwrap(api.GET('/api/calendar/between', { params: { query: { from, to } } })),
  });
  return (
    <Form<{ from: Dayjs; to: Dayjs }>
      name="between"
      layout="vertical"
      onFinish={({ from, to }) => between.mutate({ from: from.format(DATE), to: to.format(DATE) })}
    >
      <Form.Item label={t('calc.from')} name="from" rules={[{ required: true }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item label={t('calc.to')} name="to" rules={[{ required: true }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={between.isPending}>
        {t('calc.between.submit')}
      </Button>
      <Outcome error={between.error}>
        {between.data ? t('calc.between.result', { count: between.data.workdays }) : null}
      </Outcome>
    </Form>
  );
}

function DayForm() {
  const { t } = useI18n();
  const day = useMutation({
    mutationFn: (date: string) => unwrap(api.GET('/api/calendar/day', { params: { query: { date } } })),
  });
  const describe = (info: DayInfo) => {
    const kind = t(`calc.day.kind.${info.kind}`);
    return t(info.isWorkday ? 'calc.day.isWorkday' : 'calc.day.notWorkday', {
      date: `${info.date} ${dayjs(info.date).format('dddd')}`,
      kind: info.name ? t('calc.day.named', { kind, name: info.name }) : kind,
    });
  };
  return (
    <Form<{ date: Dayjs }>
      name="day"
      layout="vertical"
      onFinish={({ date }) => day.mutate(date.format(DATE))}
    >
      <Form.Item label={t('calc.date')} name="date" rules={[{ required: true }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={day.isPending}>
        {t('calc.day.submit')}
      </Button>
      <Outcome error={day.error}>{day.data ? describe(day.data) : null}</Outcome>
    </Form>
  );
}

/** Three questions deadlines depend on, answered by the server's calendar. */
export function WorkdayCalculator() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2} className="section-title">
        {t('calc.title')}
      </Typography.Title>
      <Row gutter={[24, 24]}>
        <Col xs={24} md={8} xl={24}>
          <Typography.Title level={3} className="subsection-title">
            {t('calc.shift.title')}
          </Typography.Title>
          <ShiftForm />
        </Col>
        <Col xs={24} md={8} xl={24}>
          <Typography.Title level={3} className="subsection-title">
            {t('calc.between.title')}
          </Typography.Title>
          <BetweenForm />
        </Col>
        <Col xs={24} md={8} xl={24}>
          <Typography.Title level={3} className="subsection-title">
            {t('calc.day.title')}
          </Typography.Title>
          <DayForm />
        </Col>
      </Row>
    </>
  );
}
