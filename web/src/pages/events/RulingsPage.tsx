import { ArrowLeftOutlined, CloudOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Tag } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { usePublicSettings } from '../../api/queries.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { eventKeys, useEvent } from './eventApi.ts';
import type { EventDetail } from './eventTypes.ts';
import { EventStatusTag } from './eventUi.tsx';
import { leadFieldId, RulingEditor, type SaveState } from './RulingEditor.tsx';
import { useOnline } from './rulingDrafts.ts';
import '../appeals/appeals.css';
import './events.css';

/** Other clerks' saves show up this often while the screen is open. */
const POLL_MS = 20_000;

/**
 * 现场裁定: the clerk's screen during the event. The catalogue's items in order, each with the ruling's
 * lead unit, co-units, deadline and measures, saved as the clerk goes (see RulingEditor).
 * Keyboard: Tab moves through an item's fields, Ctrl+Enter saves the item and goes to the next,
 * Alt+↓ / Alt+↑ move between items.
 */
export default function RulingsPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const online = useOnline();
  const queryClient = useQueryClient();
  const settings = usePublicSettings();
  const query = useEvent(id, online ? POLL_MS : undefined);
  const event = query.data;
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [currentIndex, setCurrentIndex] = useState(0);

  const title = event ? t('ruling.pageTitle', { title: event.title }) : t('menu.rulings');
  const productName = settings.data?.productName;
  useEffect(() => {
    document.title = productName ? `${title} - ${productName}` : title;
  }, [title, productName]);

  const onSaved = useCallback(
    (detail: EventDetail) => {
      queryClient.setQueryData(eventKeys.one(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: eventKeys.lists });
    },
    [queryClient],
  );

  const onState = useCallback((itemId: string, state: SaveState) => {
    setStates((current) => (current[itemId] === state ? current : { ...current, [itemId]: state }));
  }, []);

  const count = event?.items.length ?? 0;
  const onFocusItem = useCallback(
    (index: number) => {
      if (index < 0 || index >= count) return false;
      const field = document.getElementById(leadFieldId(index));
      if (!field) return false;
      field.focus();
      field.closest('fieldset')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      return true;
    },
    [count],
  );

  const waiting = useMemo(
    () =>
      Object.values(states).filter((state) => state === 'offline' || state === 'dirty' || state === 'saving')
        .length,
    [states],
  );
  const conflicts = Object.values(states).filter((state) => state === 'conflict').length;

  let body: ReactNode;
  if (query.isLoading) {
    body = <PageSpin />;
  } else if (!event) {
    const missing = isApiError(query.error, 'event.not_found');
    body = (
      <Result
        status={missing ? '404' : 'warning'}
        title={<h2 className="result-title">{missing ? t('event.notFound') : t('error.unexpected')}</h2>}
        extra={
          <Button type="primary" onClick={() => navigate('/events')}>
            {t('event.backToList')}
          </Button>
        }
      />
    );
  } else {
    const editable = event.allowedActions.includes('recordRuling');
    const ruled = event.items.filter((item) => item.ruling).length;
    body = (
      <>
        <div className="rulings-bar">
          <span className="rulings-facts">
            <EventStatusTag status={event.status} />
            <span>
              {event.date} · {event.venue}
            </span>
            <span className="cell-strong">{t('ruling.progress', { ruled, total: event.items.length })}</span>
          </span>
          <span className="rulings-sync" aria-live="polite">
            {online ? (
              <Tag icon={<CloudOutlined />} className="net-tag net-online">
                {t('ruling.online')}
              </Tag>
            ) : (
              <Tag icon={<DisconnectOutlined />} className="net-tag net-offline">
                {t('ruling.offline')}
              </Tag>
            )}
            {waiting > 0 ? <span className="muted">{t('ruling.waiting', { count: waiting })}</span> : null}
            {conflicts > 0 ? (
              <span className="ruling-conflict-count">{t('ruling.conflicts', { count: conflicts })}</span>
            ) : null}
          </span>
        </div>
        {editable ? (
          <p className="muted rulings-keys">{t('ruling.keys')}</p>
        ) : (
          <Alert type="info" showIcon className="form-alert" title={t('ruling.readOnly')} />
        )}
        {event.items.length === 0 ? <p className="muted">{t('event.catalogue.empty')}</p> : null}
        <div
          className="ruling-list"
          onFocusCapture={(focus) => {
            const fieldset = (focus.target as Element).closest('fieldset.ruling-item');
            if (!fieldset) return;
            const index = Array.from(fieldset.parentElement?.children ?? []).indexOf(fieldset);
            if (index >= 0) setCurrentIndex(index);
          }}
        >
          {event.items.map((item, index) => (
            <RulingEditor
              key={item.id}
              event={event}
              item={item}
              index={index}
              editable={editable}
              online={online}
              onSaved={onSaved}
              onState={onState}
              onFocusItem={onFocusItem}
              current={editable && index === currentIndex}
            />
          ))}
        </div>
      </>
    );
  }

  return (
    <div className="rulings-page">
      <header className="rulings-header">
        <Link to={`/events/${id}?tab=rulings`} className="rulings-back">
          <ArrowLeftOutlined /> {t('ruling.back')}
        </Link>
        <h1 className="rulings-title">{title}</h1>
        <LanguageSwitch type="text" className="rulings-language" compact />
      </header>
      <main id="main" className="rulings-main" tabIndex={-1}>
        {body}
      </main>
    </div>
  );
}
