import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useSession, useSignedIn } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';
import { ProfileForm } from './ProfileForm.tsx';

export default function AccountPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { refresh } = useSession();
  const { person } = session;

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Card className="section-card">
        <Typography.Title level={2} className="section-title">
          {t('account.profile')}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('person.username')}>{person.username}</Descriptions.Item>
          <Descriptions.Item label={t('person.name')}>{person.name}</Descriptions.Item>
          <Descriptions.Item label={t('person.title')}>{person.title ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('person.org')}>{person.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('person.region')}>{person.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('person.roles')}>
            <RoleTags roles={session.roles} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card className="full-height-card">
            <Typography.Title level={2} className="section-title">
              {t('account.contact')}
            </Typography.Title>
            <ProfileForm session={session} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="full-height-card">
            <Typography.Title level={2} className="section-title">
              {t('account.password')}
            </Typography.Title>
            <ChangePasswordForm onChanged={refresh} />
          </Card>
        </Col>
      </Row>
      <Card className="section-card notification-settings-card">
        <Typography.Title level={2} className="section-title">
          {t('notifications.title')}
        </Typography.Title>
        <NotificationSettings />
      </Card>
    </>
  );
}
