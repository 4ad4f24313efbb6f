import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { downloadEventFile, type EventFile } from './eventApi.ts';
import type { EventDetail } from './eventTypes.ts';

const labels: Record<EventFile, MessageKey> = {
  'catalogue.docx': 'event.download.catalogueDocx',
  'catalogue.xlsx': 'event.download.catalogueXlsx',
  'notice.docx': 'event.download.noticeDocx',
  'opinions.docx': 'event.download.opinionsDocx',
};

/** The documents that exist so far: the catalogue always, the notice once issued, the opinions once compiled. */
export function availableFiles(event: EventDetail): EventFile[] {
  const files: EventFile[] = ['catalogue.docx', 'catalogue.xlsx'];
  if (event.noticeNumber) files.push('notice.docx');
  if (event.opinionsPreface) files.push('opinions.docx');
  return files;
}

export function DownloadButton({ event, file }: { event: EventDetail; file: EventFile }) {
  const { t } = useI18n();
  const showError = useShowError();
  const download = useMutation({
    mutationFn: () => downloadEventFile(event, file),
    onError: (error) => showError(error),
  });
  return (
    <Button
      icon={file.endsWith('.xlsx') ? <FileExcelOutlined /> : <FileWordOutlined />}
      loading={download.isPending}
      onClick={() => download.mutate()}
    >
      {t(labels[file])}
    </Button>
  );
}

/** One button per document of the event that can be downloaded now. */
export function DownloadButtons({ event }: { event: EventDetail }) {
  return (
    <div className="download-buttons">
      {availableFiles(event).map((file) => (
        <DownloadButton key={file} event={event} file={file} />
      ))}
    </div>
  );
}
