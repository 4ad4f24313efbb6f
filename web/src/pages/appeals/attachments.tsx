import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealAttachment } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from './appealUi.tsx';

/** What the server accepts (it decides on the content; this only narrows the file dialog). */
export const ATTACHMENT_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.txt,.csv,application/pdf,image/*';
/** Files per upload request, as the server allows. */
export const MAX_FILES_PER_UPLOAD = 10;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const fileKey = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

/** Uploads files to an appeal in one request: all are recorded, or none. */
export function uploadAttachments(appealId: string, files: readonly File[]) {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/appeals/{id}/attachments', {
      params: { path: { id: appealId } },
      // openapi-fetch sends FormData as multipart (the browser sets the boundary).
      body: form as never,
    }),
  );
}

interface ChooseProps {
  onChoose: (files: File[]) => void;
  disabled?: boolean;
  loading?: boolean;
  label: string;
}

/**
 * A button that opens the file dialog. The input itself stays hidden: antd's Upload wraps its
 * button in another role="button", which nests two controls.
 */
export function ChooseFilesButton({ onChoose, disabled = false, loading = false, label }: ChooseProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        style={{ display: 'none' }}
        accept={ATTACHMENT_ACCEPT}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onChoose(files);
        }}
      />
      <Button
        icon={<UploadOutlined />}
        disabled={disabled}
        loading={loading}
        onClick={() => input.current?.click()}
      >
        {label}
      </Button>
    </>
  );
}

/** Files chosen in a form before the appeal exists; they are uploaded after it is saved. */
export function PendingFiles({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useI18n();
  return (
    <div className="pending-files">
      <ChooseFilesButton
        label={t('attachment.choose')}
        disabled={files.length >= MAX_FILES_PER_UPLOAD}
        onChoose={(chosen) => {
          // The same file chosen twice is kept once.
          const known = new Set(files.map(fileKey));
          const added = chosen.filter((file) => !known.has(fileKey(file)));
          onChange([...files, ...added].slice(0, MAX_FILES_PER_UPLOAD));
        }}
      />
      <p className="muted field-help">{t('attachment.help', { max: MAX_FILES_PER_UPLOAD })}</p>
      {files.length > 0 ? (
        <ul className="file-list">
          {files.map((file, index) => (
            <li key={fileKey(file)}>
              <PaperClipOutlined aria-hidden="true" />
              <span className="file-name">{file.name}</span>
              <span className="muted">{fileSize(file.size)}</span>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('attachment.remove', { name: file.name })}
                onClick={() => onChange(files.filter((_, other) => other !== index))}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The attachments of an appeal, each a download link. */
export function AttachmentList({
  appealId,
  attachments,
}: {
  appealId: string;
  attachments: readonly AppealAttachment[];
}) {
  const { t } = useI18n();
  if (attachments.length === 0) return <p className="muted">{t('attachment.none')}</p>;
  return (
    <ul className="file-list">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <PaperClipOutlined aria-hidden="true" />
          <a
            className="file-name"
            href={`/api/appeals/${appealId}/attachments/${attachment.id}`}
            download={attachment.fileName}
          >
            {attachment.fileName}
          </a>
          <span className="muted">{fileSize(attachment.size)}</span>
          <span className="muted file-meta">
            {attachment.uploadedByName ? `${attachment.uploadedByName} · ` : ''}
            {formatDateTime(attachment.uploadedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
