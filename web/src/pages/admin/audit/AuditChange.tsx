import { Col, Descriptions, Row } from 'antd';
import type { AuditEntry } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

function Json({ value, label }: { value: unknown; label: string }) {
  const { t } = useI18n();
  return (
    <figure className="json-figure">
      <figcaption className="json-caption">{label}</figcaption>
      {value === null || value === undefined ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable block must be reachable by keyboard
        <pre className="json-block" tabIndex={0}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </figure>
  );
}

/** The details of one audit row: request, and the record before and after. */
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <div className="audit-change">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('audit.entityId')}>
          {entry.entityId ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.ip')}>{entry.ip ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('audit.requestId')}>
          {entry.requestId ?? t('common.none')}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Json value={entry.before} label={t('audit.before')} />
        </Col>
        <Col xs={24} md={12}>
          <Json value={entry.after} label={t('audit.after')} />
        </Col>
      </Row>
    </div>
  );
}
