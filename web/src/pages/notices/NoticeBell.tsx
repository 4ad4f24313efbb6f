import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useUnreadCount } from './noticeApi.ts';
import './notices.css';

/** The header's bell: a link to 站内通知 with the number of unread notices. */
export function NoticeBell() {
  const { t } = useI18n();
  const unread = useUnreadCount().data ?? 0;
  const name = unread > 0 ? t('notices.bell.unread', { count: unread }) : t('notices.bell');
  return (
    <Link to="/notices" className="notice-bell" aria-label={name} title={name}>
      <Badge count={unread} overflowCount={99} size="small" className="notice-badge">
        <BellOutlined className="notice-bell-icon" aria-hidden="true" />
      </Badge>
    </Link>
  );
}
