/** The report's exports: a standalone HTML file, CSV and JSON, in the console's language. Links (their URL is the export's), downloaded with the console's credentials. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { downloadReport, REPORT_FORMATS, reportUrl, type ReportFormat } from '../../api/eval.ts';
import { useLang, useT } from '../../i18n/index.ts';

export function ExportButtons({ workspaceId, runId, name }: { workspaceId: string; runId: string; name: string }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const language = lang === 'zh-CN' ? 'zh' : 'en';
  const base = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || runId;

  const download = async (format: ReportFormat, url: string) => {
    setBusy(format);
    try {
      await downloadReport(url, `${base}.${format}`);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap data-testid="eval-export">
      {REPORT_FORMATS.map((format) => {
        const url = reportUrl(workspaceId, runId, format, language);
        return (
          <Button
            key={format}
            icon={<DownloadOutlined />}
            href={url}
            loading={busy === format}
            data-testid={`eval-export-${format}`}
            onClick={(e) => {
              e.preventDefault();
              void download(format, url);
            }}
          >
            {format.toUpperCase()}
          </Button>
        );
      })}
    </Space>
  );
}
