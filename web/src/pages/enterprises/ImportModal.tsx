import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Steps, Table } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import type { ImportResult } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

interface RowError {
  row: number;
  column: string | null;
  message: string;
}

function rowErrorsOf(error: unknown): RowError[] | null {
  if (!(error instanceof ApiError) || error.code !== 'enterprise.import_rows_invalid') return null;
  if (!Array.isArray(error.details)) return [];
  return error.details.filter(
    (item): item is RowError =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { row?: unknown }).row === 'number' &&
      typeof (item as { message?: unknown }).message === 'string',
  );
}

function send(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/enterprises/import', {
      params: { query: { dryRun: dryRun ? 'true' : 'false' } },
      body: form as never,
    }),
  );
}

interface Props {
  open: boolean;
  onClose: () => void;
}

/** 导入: download the template, upload it, check it (dry run), read the row errors, then import. */
export function ImportModal({ open, onClose }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[] | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setFile(null);
    setChecked(null);
    setRowErrors(null);
    setImported(null);
  }, [open]);

  const template = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/enterprises/import-template.xlsx', { parseAs: 'blob' }),
        'enterprise-import-template.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const check = useMutation({
    mutationFn: (chosen: File) => send(chosen, true),
    onSuccess: (result) => {
      setChecked(result);
      setRowErrors(null);
    },
    onError: (error) => {
      const rows = rowErrorsOf(error);
      if (rows) {
        setRowErrors(rows);
        setChecked(null);
        return;
      }
      showError(error);
    },
  });

  const run = useMutation({
    mutationFn: (chosen: File) => send(chosen, false),
    onSuccess: async (result) => {
      setImported(result);
      message.success(t('import.done', { count: result.imported }));
      await queryClient.invalidateQueries({ queryKey: keys.enterprises });
    },
    onError: (error) => {
      const rows = rowErrorsOf(error);
      if (rows) {
        setRowErrors(rows);
        setChecked(null);
        return;
      }
      showError(error);
    },
  });

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setChecked(null);
    setRowErrors(null);
    setImported(null);
    check.mutate(chosen);
  };

  let current = 0;
  if (file) current = 1;
  if (checked) current = 2;
  if (imported) current = 3;

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{imported ? t('common.close') : t('common.cancel')}</Button>
          {imported ? null : (
            <Button
              type="primary"
              disabled={!file || !checked || checked.valid === 0}
              loading={run.isPending}
              onClick={() => file && run.mutate(file)}
            >
              {checked ? t('import.run', { count: checked.valid }) : t('import.runDisabled')}
            </Button>
          )}
        </div>
      }
    >
      <Steps
        size="small"
        responsive={false}
        titlePlacement="vertical"
        current={current}
        className="import-steps"
        items={[
          { title: t('import.step.template') },
          { title: t('import.step.upload') },
          { title: t('import.step.check') },
          { title: t('import.step.import') },
        ]}
      />
      <p>{t('import.help')}</p>
      <div className="import-actions">
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
          {t('import.template')}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          style={{ display: 'none' }}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => {
            choose(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <Button
          type={file ? 'default' : 'primary'}
          icon={<FileExcelOutlined />}
          loading={check.isPending}
          onClick={() => input.current?.click()}
        >
          {file ? t('import.chooseAgain') : t('import.choose')}
        </Button>
        {file ? <span className="file-name">{file.name}</span> : null}
      </div>
      <div aria-live="polite">
        {imported ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            className="form-alert"
            title={t('import.done', { count: imported.imported })}
          />
        ) : checked ? (
          <Alert
            type="success"
            showIcon
            className="form-alert"
            title={t('import.checked', { count: checked.valid })}
            description={t('import.checked.next')}
          />
        ) : null}
        {rowErrors ? (
          <>
            <Alert
              type="error"
              showIcon
              className="form-alert"
              title={t('import.rowsInvalid', { count: rowErrors.length })}
              description={t('import.rowsInvalid.help')}
            />
            <Table<RowError>
              rowKey={(row) => `${row.row}-${row.column ?? ''}-${row.message}`}
              size="small"
              dataSource={rowErrors}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 64 },
                {
                  title: t('import.column'),
                  dataIndex: 'column',
                  render: (column: string | null) => column ?? t('common.none'),
                },
                { title: t('import.reason'), dataIndex: 'message' },
              ]}
            />
          </>
        ) : null}
      </div>
    </Modal>
  );
}
