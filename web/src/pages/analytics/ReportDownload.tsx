/**
 * "Download report": the period's usage report as a standalone HTML file (charts inline), a PDF (when
 * the server has Chromium) or JSON, made by a background job with the page's filters; the button shows
 * the job's progress until the file downloads.
 */
import { FileTextOutlined } from '@ant-design/icons';
import { App, Dropdown, Button } from 'antd';
import { useState } from 'react';
import { makeReportFile, type ReportFileFormat, type ReportQuery } from '../../api/analytics.ts';
import { useLang, useT } from '../../i18n/index.ts';

const FORMATS = ['html', 'pdf', 'json'] as const satisfies readonly ReportFileFormat[];

export function ReportDownload({ query }: { query: ReportQuery }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);

  const make = async (format: ReportFileFormat) => {
    setProgress(0);
    try {
      await makeReportFile({ ...query, format, lang: lang === 'zh-CN' ? 'zh' : 'en' }, (job) => setProgress(job.progress));
      message.success(t('analytics.report.done'));
    } catch (e) {
      message.error(t('analytics.report.failed', { message: (e as Error).message }));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Dropdown
      disabled={progress !== null}
      trigger={['click']}
      menu={{
        items: FORMATS.map((f) => ({ key: f, label: t(`analytics.report.${f}`), 'data-testid': `analytics-report-${f}` })),
        onClick: (e) => void make(e.key as ReportFileFormat),
      }}
    >
      <Button icon={<FileTextOutlined />} loading={progress !== null} data-testid="analytics-report">
        {progress === null ? t('analytics.report.button') : t('analytics.report.making', { pct: Math.round(progress * 100) })}
      </Button>
    </Dropdown>
  );
}
