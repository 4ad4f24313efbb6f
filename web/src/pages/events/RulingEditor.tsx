import { SaveOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import {
  type KeyboardEvent,
  type FocusEvent as ReactFocusEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { ApiError, api, isApiError, unwrap } from '../../api/client.ts';
import { useUnits } from '../../api/queries.ts';
import { UnitSelect, UnitsSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Dossier, ItemHeading } from './Dossier.tsx';
import type { CatalogueItem, EventDetail, Ruling } from './eventTypes.ts';
import { ISO_DATE, notAfter, WorkdayHint } from './eventUi.tsx';
import {
  clearDraft,
  draftOf,
  type MissingField,
  missingFields,
  type RulingDraft,
  readDraft,
  sameDraft,
  writeDraft,
} from './rulingDrafts.ts';

/** Where an item's ruling stands, as the clerk sees it. */
export type SaveState = 'empty' | 'dirty' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

/** Typing pauses this long before the draft is sent. */
const AUTOSAVE_DELAY_MS = 1200;
/** While the server cannot be reached (though the browser says online), try again this often. */
const RETRY_MS = 10_000;

const missingKeys: Record<MissingField, MessageKey> = {
  leadUnitId: 'ruling.lead',
  dueDate: 'ruling.dueDate',
  measures: 'ruling.measures',
};

interface Props {
  event: EventDetail;
  item: CatalogueItem;
  index: number;
  editable: boolean;
  online: boolean;
  /** Keeps the event the server answered with. */
  onSaved: (detail: EventDetail) => void;
  onState: (itemId: string, state: SaveState) => void;
  /** Moves the focus to another item (by position); false when there is none. */
  onFocusItem: (index: number) => boolean;
  current: boolean;
}

export function leadFieldId(index: number): string {
  return `ruling-${index}-lead`;
}

function RulingFacts({
  draft,
  title,
  names,
  noneText,
}: {
  draft: RulingDraft | null;
  title: string;
  names: (id: string) => string;
  noneText: string;
}) {
  const { t } = useI18n();
  return (
    <div className="conflict-side">
      <div className="conflict-side-title">{title}</div>
      {draft ? (
        <dl className="conflict-facts">
          <dt>{t('ruling.lead')}</dt>
          <dd>{draft.leadUnitId ? names(draft.leadUnitId) : t('common.none')}</dd>
          <dt>{t('ruling.co')}</dt>
          <dd>{draft.coUnitIds.length > 0 ? draft.coUnitIds.map(names).join('、') : t('common.none')}</dd>
          <dt>{t('ruling.dueDate')}</dt>
          <dd>{draft.dueDate ?? t('common.none')}</dd>
          <dt>{t('ruling.measures')}</dt>
          <dd className="pre-wrap">{draft.measures || t('common.none')}</dd>
        </dl>
      ) : (
        <p className="muted">{noneText}</p>
      )}
    </div>
  );
}

/**
 * One item of the live ruling screen. Every keystroke is kept in localStorage (by event and item) until
 * the server confirms it; the draft is sent when typing pauses, when the focus leaves the item and on
 * Ctrl+Enter. Offline, drafts wait and go when the browser is back online. A 409 shows the other clerk's
 * version beside the draft, and the clerk chooses.
 */
export function RulingEditor({
  event,
  item,
  index,
  editable,
  online,
  onSaved,
  onState,
  onFocusItem,
  current,
}: Props) {
  const { t } = useI18n();
  const units = useUnits();
  const eventId = event.id;
  const itemId = item.id;
  const ruling = item.ruling;

  // The starting point: a stored draft that differs from the server's ruling, else the ruling itself.
  const initial = useRef<{ draft: RulingDraft; baseVersion: number; restored: boolean } | null>(null);
  if (initial.current === null) {
    const server = draftOf(ruling, item);
    const stored = editable ? readDraft(eventId, itemId) : null;
    if (stored && !sameDraft(stored.draft, server)) {
      initial.current = { draft: stored.draft, baseVersion: stored.baseVersion, restored: true };
    } else {
      if (stored) clearDraft(eventId, itemId);
      initial.current = { draft: server, baseVersion: ruling?.version ?? 0, restored: false };
    }
  }
  const start = initial.current;

  const [draft, setDraftState] = useState<RulingDraft>(start.draft);
  const [state, setStateValue] = useState<SaveState>(
    start.restored ? (navigator.onLine ? 'dirty' : 'offline') : ruling ? 'saved' : 'empty',
  );
  const [savedAt, setSavedAt] = useState<string | null>(ruling?.updatedAt ?? null);
  const [errorText, setErrorText] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Ruling | null>(null);
  const [restored, setRestored] = useState(start.restored);

  const draftRef = useRef(start.draft);
  const baseVersionRef = useRef(start.baseVersion);
  const dirtyRef = useRef(start.restored);
  const stateRef = useRef<SaveState>(state);
  const inFlightRef = useRef(false);
  const againRef = useRef(false);
  const timerRef = useRef<number | null>(null);
  const containerRef = useRef<HTMLFieldSetElement | null>(null);

  const setState = useCallback(
    (next: SaveState) => {
      stateRef.current = next;
      setStateValue(next);
      onState(itemId, next);
    },
    [itemId, onState],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reports the first state once
  useEffect(() => onState(itemId, stateRef.current), []);

  const cancelTimer = useCallback(() => {
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = null;
  }, []);

  /** Sends the draft now, if it is complete and differs from what the server has. */
  const flush = useCallback(async (): Promise<void> => {
    cancelTimer();
    if (!editable || !dirtyRef.current || stateRef.current === 'conflict') return;
    if (inFlightRef.current) {
      againRef.current = true;
      return;
    }
    const sent = draftRef.current;
    if (missingFields(sent).length > 0 || !sent.leadUnitId || !sent.dueDate) {
      setState('dirty');
      return;
    }
    if (!navigator.onLine) {
      setState('offline');
      return;
    }
    inFlightRef.current = true;
    setState('saving');
    setErrorText(null);
    try {
      const detail = await unwrap(
        api.PUT('/api/events/{id}/items/{itemId}/ruling', {
          params: { path: { id: eventId, itemId } },
          body: {
            leadUnitId: sent.leadUnitId,
            coUnitIds: sent.coUnitIds.filter((id) => id !== sent.leadUnitId),
            dueDate: sent.dueDate,
            measures: sent.measures.trim(),
            version: baseVersionRef.current,
          },
        }),
      );
      const saved = detail.items.find((entry) => entry.id === itemId)?.ruling ?? null;
      baseVersionRef.current = saved?.version ?? baseVersionRef.current;
      onSaved(detail);
      if (sameDraft(draftRef.current, sent)) {
        dirtyRef.current = false;
        clearDraft(eventId, itemId);
        setSavedAt(saved?.updatedAt ?? new Date().toISOString());
        setRestored(false);
        setState('saved');
      } else {
        // Typed on while it was on its way: keep the rest, over the new version.
        writeDraft(eventId, itemId, draftRef.current, baseVersionRef.current);
        againRef.current = true;
        setState('dirty');
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) {
        setState('offline');
      } else if (isApiError(error, 'request.conflict')) {
        try {
          const latest = await unwrap(api.GET('/api/events/{id}', { params: { path: { id: eventId } } }));
          onSaved(latest);
          setTheirs(latest.items.find((entry) => entry.id === itemId)?.ruling ?? null);
        } catch {
          setTheirs(null);
        }
        setState('conflict');
      } else {
        setErrorText(error instanceof ApiError && error.message ? error.message : t('error.unexpected'));
        setState('error');
      }
    } finally {
      inFlightRef.current = false;
      if (againRef.current) {
        againRef.current = false;
        if (stateRef.current === 'dirty') void flush();
      }
    }
  }, [cancelTimer, editable, eventId, itemId, onSaved, setState, t]);

  const schedule = () => {
    cancelTimer();
    timerRef.current = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  };

  const update = (patch: Partial<RulingDraft>) => {
    const next = { ...draftRef.current, ...patch };
    draftRef.current = next;
    dirtyRef.current = true;
    setDraftState(next);
    writeDraft(eventId, itemId, next, baseVersionRef.current);
    if (stateRef.current === 'conflict') return;
    setState(navigator.onLine || stateRef.current !== 'offline' ? 'dirty' : 'offline');
    schedule();
  };

  // Stops the autosave timer on leaving.
  useEffect(() => cancelTimer, [cancelTimer]);

  // Back online (or a restored draft as the screen comes up): send what waited.
  useEffect(() => {
    if (online && (stateRef.current === 'offline' || stateRef.current === 'dirty')) void flush();
  }, [online, flush]);

  // The server unreachable while the browser says online: try again now and then.
  useEffect(() => {
    if (state !== 'offline' || !online) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [state, online, flush]);

  // Another clerk's save (seen by polling) shows here while I have nothing unsaved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the server's ruling version only
  useEffect(() => {
    if (!ruling || dirtyRef.current || stateRef.current === 'conflict') return;
    if (ruling.version < baseVersionRef.current) return;
    const next = draftOf(ruling, item);
    baseVersionRef.current = ruling.version;
    draftRef.current = next;
    setDraftState(next);
    setSavedAt(ruling.updatedAt);
    setState('saved');
  }, [ruling?.version]);

  const keepMine = () => {
    baseVersionRef.current = theirs?.version ?? 0;
    writeDraft(eventId, itemId, draftRef.current, baseVersionRef.current);
    setTheirs(null);
    dirtyRef.current = true;
    setState('dirty');
    void flush();
  };

  const takeTheirs = () => {
    const next = draftOf(theirs, item);
    baseVersionRef.current = theirs?.version ?? 0;
    draftRef.current = next;
    dirtyRef.current = false;
    clearDraft(eventId, itemId);
    setDraftState(next);
    setSavedAt(theirs?.updatedAt ?? null);
    setTheirs(null);
    setState(theirs ? 'saved' : 'empty');
  };

  const onKeyDownCapture = (keyboard: KeyboardEvent<HTMLFieldSetElement>) => {
    if (keyboard.key === 'Enter' && (keyboard.ctrlKey || keyboard.metaKey)) {
      keyboard.preventDefault();
      keyboard.stopPropagation();
      void flush();
      onFocusItem(index + 1);
      return;
    }
    if (keyboard.altKey && (keyboard.key === 'ArrowDown' || keyboard.key === 'ArrowUp')) {
      keyboard.preventDefault();
      keyboard.stopPropagation();
      onFocusItem(keyboard.key === 'ArrowDown' ? index + 1 : index - 1);
    }
  };

  const onBlur = (focus: ReactFocusEvent<HTMLFieldSetElement>) => {
    const next = focus.relatedTarget;
    if (next instanceof Node && containerRef.current?.contains(next)) return;
    // antd renders option lists and calendars outside the item; focus there is still in the item.
    if (next instanceof Element && next.closest('.ant-select-dropdown, .ant-picker-dropdown')) return;
    if (dirtyRef.current) void flush();
  };

  const unitName = (id: string) => units.data?.find((unit) => unit.id === id)?.name ?? id;
  const missing = missingFields(draft);
  const prefix = `ruling-${index}`;

  let stateText: string;
  switch (state) {
    case 'empty':
      stateText = t('ruling.state.empty');
      break;
    case 'dirty':
      stateText =
        missing.length > 0
          ? t('ruling.state.incomplete', { fields: missing.map((field) => t(missingKeys[field])).join('、') })
          : t('ruling.state.dirty');
      break;
    case 'saving':
      stateText = t('ruling.state.saving');
      break;
    case 'saved':
      stateText = savedAt
        ? t('ruling.state.saved', { time: dayjs(savedAt).format('HH:mm') })
        : t('common.saved');
      break;
    case 'offline':
      stateText = t('ruling.state.offline');
      break;
    case 'conflict':
      stateText = t('ruling.state.conflict');
      break;
    case 'error':
      stateText = t('ruling.state.error');
      break;
  }

  return (
    <fieldset
      ref={containerRef}
      className={`ruling-item ruling-${state}${current ? ' ruling-current' : ''}`}
      onKeyDownCapture={editable ? onKeyDownCapture : undefined}
      onBlur={editable ? onBlur : undefined}
      aria-describedby={`${prefix}-state`}
    >
      <legend className="ruling-legend">
        <ItemHeading item={item} index={index} />
      </legend>
      <div className="ruling-item-head-side">
        <span className="muted cell-small">{item.enterpriseName}</span>
        <Tag id={`${prefix}-state`} role="status" className={`ruling-state ruling-state-${state}`}>
          {stateText}
        </Tag>
      </div>
      {restored && state !== 'saved' ? <p className="ruling-note">{t('ruling.restored')}</p> : null}
      {state === 'error' && errorText ? (
        <p className="ruling-error" role="alert">
          {errorText}
        </p>
      ) : null}
      {state === 'conflict' ? (
        <div className="ruling-conflict" role="alert">
          <p className="cell-strong">{t('ruling.conflict.title')}</p>
          <div className="conflict-columns">
            <RulingFacts
              draft={theirs ? draftOf(theirs, item) : null}
              title={
                theirs
                  ? t('ruling.conflict.theirs', {
                      name: theirs.updatedByName ?? t('common.none'),
                      time: dayjs(theirs.updatedAt).format('HH:mm'),
                    })
                  : t('ruling.conflict.theirsTitle')
              }
              names={unitName}
              noneText={t('ruling.conflict.theirsNone')}
            />
            <RulingFacts
              draft={draft}
              title={t('ruling.conflict.mine')}
              names={unitName}
              noneText={t('common.none')}
            />
          </div>
          <div className="form-actions">
            <Button type="primary" onClick={keepMine}>
              {t('ruling.conflict.keepMine')}
            </Button>
            <Button onClick={takeTheirs}>{t('ruling.conflict.takeTheirs')}</Button>
          </div>
        </div>
      ) : null}
      <div className="ruling-body">
        <div className="ruling-summary">
          <div className="ruling-summary-line">
            <span className="muted">{t('event.item.proposedHandling')}：</span>
            <span className="pre-wrap">{item.proposedHandling}</span>
          </div>
          {item.proposal ? (
            <div className="ruling-summary-line">
              <span className="muted">{t('event.item.proposal')}：</span>
              <span className="pre-wrap">{item.proposal}</span>
            </div>
          ) : null}
          <div className="ruling-summary-line">
            <span className="muted">{t('event.item.units')}：</span>
            {item.unitNames.join('、')}
          </div>
          <details className="ruling-dossier">
            <summary>{t('ruling.dossier')}</summary>
            <Dossier item={item} />
          </details>
        </div>
        {editable ? (
          <div className="ruling-form">
            <div className="ruling-field">
              <label htmlFor={leadFieldId(index)}>{t('ruling.lead')}</label>
              <UnitSelect
                id={leadFieldId(index)}
                value={draft.leadUnitId ?? undefined}
                onChange={(leadUnitId) =>
                  update({
                    leadUnitId,
                    coUnitIds: draftRef.current.coUnitIds.filter((id) => id !== leadUnitId),
                  })
                }
                placeholder={t('ruling.lead.placeholder')}
              />
            </div>
            <div className="ruling-field">
              <label htmlFor={`${prefix}-co`}>{t('ruling.co')}</label>
              <UnitsSelect
                id={`${prefix}-co`}
                value={draft.coUnitIds}
                exclude={draft.leadUnitId ? [draft.leadUnitId] : []}
                onChange={(coUnitIds) => update({ coUnitIds })}
                maxCount={20}
                placeholder={t('ruling.co.placeholder')}
              />
            </div>
            <div className="ruling-field">
              <label htmlFor={`${prefix}-due`}>{t('ruling.dueDate')}</label>
              <DatePicker
                id={`${prefix}-due`}
                value={draft.dueDate ? dayjs(draft.dueDate) : null}
                onChange={(day) => update({ dueDate: day ? day.format(ISO_DATE) : null })}
                disabledDate={notAfter()}
                className="full-width"
              />
              <WorkdayHint date={draft.dueDate} />
            </div>
            <div className="ruling-field ruling-field-wide">
              <label htmlFor={`${prefix}-measures`}>{t('ruling.measures')}</label>
              <Input.TextArea
                id={`${prefix}-measures`}
                value={draft.measures}
                onChange={(change) => update({ measures: change.target.value })}
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={5000}
                placeholder={t('ruling.measures.placeholder')}
              />
            </div>
            <div className="ruling-actions">
              <Button
                icon={<SaveOutlined />}
                disabled={state === 'conflict'}
                loading={state === 'saving'}
                onClick={() => {
                  dirtyRef.current = dirtyRef.current || state === 'error';
                  void flush();
                  onFocusItem(index + 1);
                }}
              >
                {t('ruling.saveNext')}
              </Button>
            </div>
          </div>
        ) : (
          <div className="ruling-form">
            <RulingFacts
              draft={ruling ? draftOf(ruling, item) : null}
              title={t('event.ruling')}
              names={unitName}
              noneText={t('event.ruling.none')}
            />
          </div>
        )}
      </div>
    </fieldset>
  );
}
