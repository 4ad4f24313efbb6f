import { type AppealChannel, appealChannels } from '@f2f/contract';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TimelineEntry } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { canOpen, routeOf } from '../../routes.tsx';
import { handlingKindKeys, useHandlingDetails } from '../handling/timelineDetails.tsx';
import { levelKindKeys, useLevelDetails } from '../levels/timelineDetails.tsx';
import { ratingKindKeys, useRatingDetails } from '../ratings/timelineDetails.tsx';
import { supervisionKindKeys, useSupervisionDetails } from '../supervision/timelineDetails.tsx';
import { useVerificationDetails, verificationKindKeys } from '../verification/timelineDetails.tsx';
import { formatDateTime, useCategoryName, useChannelName } from './appealUi.tsx';
import { fileSize } from './attachments.tsx';

type Data = Record<string, unknown>;

function asRecord(value: unknown): Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

const fieldKeys: Record<string, MessageKey> = {
  title: 'appeal.title',
  content: 'appeal.content',
  category: 'appeal.category',
};

const kindKeys: Record<string, MessageKey> = {
  created: 'timeline.created',
  edited: 'timeline.edited',
  attachmentAdded: 'timeline.attachmentAdded',
  grouped: 'timeline.grouped',
  ungrouped: 'timeline.ungrouped',
  ...verificationKindKeys,
  ...handlingKindKeys,
  ...ratingKindKeys,
  ...levelKindKeys,
  ...supervisionKindKeys,
};

/** What happened to an appeal, oldest first: creation, edits with old → new values, files, grouping… */
export function AppealTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useI18n();
  const { roles } = useSession();
  const categoryName = useCategoryName();
  const channelName = useChannelName();
  const issueRoute = routeOf('/common-issues/:id');
  const mayOpenIssues = issueRoute ? canOpen(issueRoute, roles) : false;
  const verificationDetails = useVerificationDetails();
  const handlingDetails = useHandlingDetails();
  const ratingDetails = useRatingDetails();
  const levelDetails = useLevelDetails();
  const supervisionDetails = useSupervisionDetails();

  const details = (entry: TimelineEntry): ReactNode => {
    const data = asRecord(entry.data);
    switch (entry.kind) {
      case 'created': {
        const channel = asString(data.channel);
        return channel && (appealChannels as readonly string[]).includes(channel) ? (
          <div className="timeline-detail">
            {t('timeline.channel', { channel: channelName(channel as AppealChannel) })}
          </div>
        ) : null;
      }
      case 'edited':
        return (
          <dl className="timeline-changes">
            {Object.entries(data).map(([field, change]) => {
              const { from, to } = asRecord(change);
              const show = (value: unknown) => {
                const text = asString(value) ?? '';
                return field === 'category' ? categoryName(text) : text;
              };
              const key = fieldKeys[field];
              return (
                <div key={field} className="timeline-change">
                  <dt>{key ? t(key) : field}</dt>
                  <dd>
                    <span className="visually-hidden">{t('timeline.from')}</span>
                    <del className="change-from">{show(from)}</del>
                    <span aria-hidden="true" className="change-arrow">
                      {' → '}
                    </span>
                    <span className="visually-hidden">{t('timeline.to')}</span>
                    <ins className="change-to">{show(to)}</ins>
                  </dd>
                </div>
              );
            })}
          </dl>
        );
      case 'attachmentAdded': {
        const name = asString(data.fileName);
        const size = typeof data.size === 'number' ? fileSize(data.size) : null;
        return name ? (
          <div className="timeline-detail">
            {name}
            {size ? <span className="muted">（{size}）</span> : null}
          </div>
        ) : null;
      }
      case 'grouped':
      case 'ungrouped': {
        const id = asString(data.commonIssueId);
        return id && mayOpenIssues ? (
          <div className="timeline-detail">
            <Link to={`/common-issues/${id}`}>{t('timeline.openIssue')}</Link>
          </div>
        ) : null;
      }
      default:
        return (
          verificationDetails(entry) ??
          handlingDetails(entry) ??
          ratingDetails(entry) ??
          levelDetails(entry) ??
          supervisionDetails(entry)
        );
    }
  };

  return (
    <ol className="appeal-timeline">
      {entries.map((entry) => {
        const kind = kindKeys[entry.kind];
        return (
          <li key={entry.id} className={`timeline-entry timeline-${entry.kind}`}>
            <div className="timeline-head">
              <span className="timeline-kind">{kind ? t(kind) : entry.kind}</span>
              <span className="muted timeline-meta">
                {entry.actorName ? `${entry.actorName} · ` : ''}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </span>
            </div>
            {details(entry)}
          </li>
        );
      })}
    </ol>
  );
}
