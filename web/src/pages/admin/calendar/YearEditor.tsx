import { DeleteOutlined, ImportOutlined, PlusOutlined, SortAscendingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Grid, Input, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, api, unwrap } from '../../../api/client.ts';
import { keys } from '../../../api/queries.ts';
import type { CalendarDay } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { HolidayCnFile } from './holidayCn.ts';
import { ImportJsonModal } from './ImportJsonModal.tsx';

interface Values {
  source?: string;
  days: CalendarDay[];
}

interface Props {
  /** The year being edited or added; null when the editor is closed. */
  year: number | null;
  /** True when the year is new (no arrangement stored yet). */
  isNew: boolean;
  onClose: () => void;
  onSaved: (year: number) => void;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 80;

/** Edits a year's official holidays and make-up working days as rows, then saves them in one PUT. */
export function YearEditor({ year, isNew, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [importing, setImporting] = useState(false);
  const open = year !== null;

  const existing = useQuery({
    queryKey: keys.calendarYear(year ?? 0),
    queryFn: () => unwrap(api.GET('/api/calendar/years/{year}', { params: { path: { year: year ?? 0 } } })),
    enabled: open && !isNew,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill once per opened year
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (isNew) form.setFieldsValue({ source: '', days: [] });
    else if (existing.data)
      form.setFieldsValue({ source: existing.data.source ?? '', days: existing.data.days });
  }, [open, year, isNew, existing.data]);

  const save = useMutation({
    mutationFn: ({ year: target, values }: { year: number; values: Values }) =>
      unwrap(
        api.PUT('/api/calendar/years/{year}', {
          params: { path: { year: target } },
          body: {
            source: values.source?.trim() || null,
            days: values.days.map((day) => ({
              date: day.date.trim(),
              name: day.name.trim(),
              isOffDay: day.isOffDay,
            })),
          },
        }),
      ),
    onSuccess: async (saved) => {
      message.success(t('calendar.saved', { year: saved.year }));
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      onSaved(saved.year);
    },
    onError: (error) => {
      // The calendar's own checks name the offending date: mark its row.
      const date = error instanceof ApiError ? error.detail('date') : undefined;
      if (typeof date === 'string') {
        const rows: CalendarDay[] = form.getFieldValue('days') ?? [];
        const index = rows.findIndex((row) => row.date.trim() === date);
        if (index >= 0)
          form.setFields([{ name: ['days', index, 'date'], errors: [(error as ApiError).message] }]);
      }
      showError(error, { form });
    },
  });

  const applyImport = (file: HolidayCnFile) => {
    const source = file.papers.join(' ').slice(0, 300);
    form.setFieldsValue({ days: file.days, ...(source ? { source } : {}) });
    setImporting(false);
    message.success(t('calendar.import.done', { count: file.days.length }));
  };

  const sortRows = () => {
    const rows: CalendarDay[] = form.getFieldValue('days') ?? [];
    form.setFieldsValue({ days: [...rows].sort((a, b) => a.date.localeCompare(b.date)) });
  };

  const dateRule = (index: number) => ({
    validator: (_: unknown, value: string | undefined) => {
      const date = value?.trim() ?? '';
      if (
        !ISO_DATE.test(date) ||
        !dayjs(date, 'YYYY-MM-DD').isValid() ||
        dayjs(date).format('YYYY-MM-DD') !== date
      ) {
        return Promise.reject(new Error(t('calendar.rule.date')));
      }
      if (!date.startsWith(`${year}-`))
        return Promise.reject(new Error(t('calendar.rule.year', { year: year ?? '' })));
      const rows: CalendarDay[] = form.getFieldValue('days') ?? [];
      if (rows.some((row, other) => other !== index && row.date?.trim() === date)) {
        return Promise.reject(new Error(t('calendar.rule.duplicate')));
      }
      const weekday = dayjs(date).day();
      if (rows[index]?.isOffDay === false && weekday !== 0 && weekday !== 6) {
        return Promise.reject(new Error(t('calendar.rule.makeUpWeekend')));
      }
      return Promise.resolve();
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={
        isNew
          ? t('calendar.addYear.title', { year: year ?? '' })
          : t('calendar.editYear', { year: year ?? '' })
      }
      size={screens.md ? 820 : '100%'}
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
      <p className="muted">{t('calendar.editor.help')}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          year !== null && save.mutate({ year, values: { ...values, days: values.days ?? [] } })
        }
      >
        <Form.Item label={t('calendar.source')} name="source" rules={[{ max: 300 }]}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
        <Form.List name="days">
          {(fields, { add, remove }) => (
            <>
              <Space wrap className="editor-toolbar">
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_DAYS}
                  onClick={() => add({ date: `${year}-`, name: '', isOffDay: true })}
                >
                  {t('calendar.addRow')}
                </Button>
                <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                  {t('calendar.import')}
                </Button>
                <Button icon={<SortAscendingOutlined />} onClick={sortRows}>
                  {t('calendar.sortRows')}
                </Button>
                <span className="muted">
                  {t('calendar.rowCount', { count: fields.length, max: MAX_DAYS })}
                </span>
              </Space>
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={fields}
                scroll={{ x: 620 }}
                columns={[
                  {
                    title: t('calendar.date'),
                    key: 'date',
                    width: 190,
                    render: (_, field, index) => (
                      <Form.Item
                        name={[field.name, 'date']}
                        rules={[dateRule(field.name)]}
                        dependencies={[['days', field.name, 'isOffDay']]}
                        className="cell-form-item"
                      >
                        <Input
                          aria-label={t('calendar.row.date', { row: index + 1 })}
                          placeholder="YYYY-MM-DD"
                          maxLength={10}
                          inputMode="numeric"
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('calendar.weekday'),
                    key: 'weekday',
                    width: 90,
                    render: (_, field) => (
                      <Form.Item noStyle shouldUpdate>
                        {() => {
                          const date: string | undefined = form.getFieldValue(['days', field.name, 'date']);
                          return date && ISO_DATE.test(date) ? dayjs(date).format('ddd') : '';
                        }}
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('calendar.name'),
                    key: 'name',
                    render: (_, field, index) => (
                      <Form.Item
                        name={[field.name, 'name']}
                        rules={[
                          { required: true, whitespace: true, message: t('calendar.rule.name') },
                          { max: 20 },
                        ]}
                        className="cell-form-item"
                      >
                        <Input aria-label={t('calendar.row.name', { row: index + 1 })} maxLength={20} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('calendar.kind'),
                    key: 'kind',
                    width: 150,
                    render: (_, field, index) => (
                      <Form.Item
                        name={[field.name, 'isOffDay']}
                        className="cell-form-item"
                        getValueProps={(isOffDay: boolean) => ({ value: isOffDay ? 'off' : 'work' })}
                        normalize={(value: string) => value === 'off'}
                      >
                        <Select<string>
                          aria-label={t('calendar.row.kind', { row: index + 1 })}
                          options={[
                            { value: 'off', label: t('calendar.kind.holiday') },
                            { value: 'work', label: t('calendar.kind.makeUp') },
                          ]}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('common.actions'),
                    key: 'remove',
                    width: 70,
                    render: (_, field, index) => (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('calendar.row.remove', { row: index + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    ),
                  },
                ]}
              />
            </>
          )}
        </Form.List>
      </Form>
      <ImportJsonModal
        open={importing}
        year={year ?? 0}
        onClose={() => setImporting(false)}
        onImport={applyImport}
      />
    </Drawer>
  );
}
