import { Card, Col, Descriptions, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useAtCity, useSignedIn } from '../auth/session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleTags } from '../components/RoleTags.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { menuRoutes } from '../routes.tsx';

function greetingKey(hour: number): MessageKey {
  if (hour < 6) return 'home.greeting.night';
  if (hour < 12) return 'home.greeting.morning';
  if (hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

/** The workbench: who I am, and the pages I can use. */
export default function HomePage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { person } = session;
  const links = menuRoutes(session.roles, useAtCity() === true).filter((route) => route.path !== '/');

  return (
    <>
      <PageHeader
        title={t('home.title')}
        description={t(greetingKey(dayjs().hour()), { name: person.name })}
      />
      <Card className="section-card">
        <Typography.Title level={2} className="section-title">
          {t('home.me')}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('person.name')}>{person.name}</Descriptions.Item>
          <Descriptions.Item label={t('person.title')}>{person.title ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('person.roles')}>
            <RoleTags roles={session.roles} />
          </Descriptions.Item>
          <Descriptions.Item label={t('person.org')}>{person.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('person.region')}>{person.regionName}</Descriptions.Item>
        </Descriptions>
      </Card>
      <section className="quick-links" aria-labelledby="quick-links-title">
        <Typography.Title level={2} className="section-title" id="quick-links-title">
          {t('home.quickLinks')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {links.map((route) => (
            <Col key={route.path} xs={24} sm={12} lg={8} xl={6}>
              <Link to={route.path} className="quick-link">
                <span className="quick-link-icon" aria-hidden="true">
                  {route.icon}
                </span>
                <span className="quick-link-text">
                  <span className="quick-link-title">{t(route.labelKey)}</span>
                  {route.descriptionKey ? (
                    <span className="quick-link-description">{t(route.descriptionKey)}</span>
                  ) : null}
                </span>
              </Link>
            </Col>
          ))}
        </Row>
      </section>
    </>
  );
}
