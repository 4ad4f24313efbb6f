import { FileExcelOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useShowError } from '../../api/useShowError.ts';

/**
 * The Excel export of a statistics page: `download` saves the file (a `saveDownload` call); the
 * button waits while it runs, and an error shows as a message.
 */
export function ExportButton({ download, children }: { download: () => Promise<void>; children: ReactNode }) {
  const showError = useShowError();
  const exportFile = useMutation({
    mutationFn: download,
    onError: (error) => showError(error),
  });
  return (
    <Button icon={<FileExcelOutlined />} loading={exportFile.isPending} onClick={() => exportFile.mutate()}>
      {children}
    </Button>
  );
}
