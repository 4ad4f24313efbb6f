import {
  isDeadlineNoticeKind,
  type NoticeKind,
  type NotificationChannel,
  noticeKindLabels,
  noticeKinds,
  notificationChannelLabels,
  notificationChannels,
} from '@f2f/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Switch, Table, type TableColumnsType, Tag } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSignedIn } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import './notifications.css';

type Preferences =
  paths['/api/notification-preferences']['get']['responses'][200]['content']['application/json'];

interface Row {
  kind: NoticeKind;
  enabled: Record<NotificationChannel, boolean>;
}

/** 通知设置: which notices come to me by e-mail, SMS and WeCom, one switch per kind and channel. */
export function NotificationSettings() {
  const { t, label } = useI18n();
  const { person } = useSignedIn();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  // Keyed by my addresses: saving the contact details above refreshes which channels can reach me.
  const queryKey = ['notification-preferences', person.email ?? '', person.phone ?? ''] as const;

  const preferences = useQuery({
    queryKey,
    queryFn: () => unwrap(api.GET('/api/notification-preferences')),
  });

  const save = useMutation({
    mutationFn: (choice: { kind: NoticeKind; channel: NotificationChannel; enabled: boolean }) =>
      unwrap(api.PUT('/api/notification-preferences', { body: { preferences: [choice] } })),
    onSuccess: (answer: Preferences) => {
      queryClient.setQueryData(queryKey, answer);
      message.success(t('notifications.saved'));
    },
    onError: (error) => showError(error),
  });

  const data = preferences.data;
  const reachable: Record<NotificationChannel, boolean> = {
    email: Boolean(data?.addresses.email),
    sms: Boolean(data?.addresses.sms),
    wecom: Boolean(data?.addresses.wecom),
  };
  const rows: Row[] = noticeKinds.map((kind) => ({
    kind,
    enabled: Object.fromEntries(
      notificationChannels.map((channel) => [
        channel,
        data?.preferences.find((p) => p.kind === kind && p.channel === channel)?.enabled ?? false,
      ]),
    ) as Record<NotificationChannel, boolean>,
  }));

  const columns: TableColumnsType<Row> = [
    {
      title: t('notifications.kind'),
      dataIndex: 'kind',
      width: '40%',
      render: (kind: NoticeKind) => (
        <span>
          {label(noticeKindLabels[kind])}
          {isDeadlineNoticeKind(kind) ? (
            <Tag className="notification-deadline-tag">{t('notifications.deadline')}</Tag>
          ) : null}
        </span>
      ),
    },
    ...notificationChannels.map((channel) => ({
      title: label(notificationChannelLabels[channel]),
      key: channel,
      align: 'center' as const,
      render: (_: unknown, row: Row) => (
        <Switch
          size="small"
          aria-label={t('notifications.switch', {
            kind: label(noticeKindLabels[row.kind]),
            channel: label(notificationChannelLabels[channel]),
          })}
          checked={reachable[channel] && row.enabled[channel]}
          disabled={!reachable[channel]}
          loading={save.isPending && save.variables?.kind === row.kind && save.variables.channel === channel}
          onChange={(enabled) => save.mutate({ kind: row.kind, channel, enabled })}
        />
      ),
    })),
  ];

  const hints = [
    reachable.email ? null : t('notifications.noEmail'),
    reachable.sms ? null : t('notifications.noPhone'),
    reachable.wecom
      ? t('notifications.wecomAccount', { account: data?.addresses.wecom ?? '' })
      : t('notifications.noWecom'),
  ].filter((hint): hint is string => hint !== null);

  return (
    <>
      <p className="muted">{t('notifications.intro')}</p>
      {data ? (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={
            <ul className="notification-hints">
              {hints.map((hint) => (
                <li key={hint}>{hint}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Table<Row>
        rowKey="kind"
        size="small"
        loading={preferences.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        // No horizontal scroll box: on a phone the kind column wraps instead (a scroll box whose switches are
        // all disabled could not be reached by keyboard).
        tableLayout="fixed"
      />
    </>
  );
}
