/** Request logs: filters, a virtual table with cursor paging, detail drawer and CSV export. */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes, type UIEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useLogs, type LogFilters as Filters, type LogRow } from '../../api/logs.ts';
import { useT } from '../../i18n';
import { logColumns } from './columns';
import { downloadCsv, logsToCsv } from './csv';
import { LogDetail } from './LogDetail';
import { LogFilters } from './LogFilters';
import { logFilterParams, parseLogFilters } from './url-filters';
import { useDirectory } from './useDirectory';

/** Start loading the next page when this close (px) to the bottom of the table. */
const PREFETCH_PX = 300;

/** Virtual tables need a pixel height: fill the window below the filters. */
function useTableHeight(): number {
  const calc = () => Math.max(320, window.innerHeight - 400);
  const [h, setH] = useState(calc);
  useEffect(() => {
    const on = () => setH(calc());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

export default function LogsPage() {
  const t = useT();
  const height = useTableHeight();
  // The filters live in the URL (`/logs?model=…&from=…`): other pages link to a filtered view.
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseLogFilters(params), [params]);
  const setFilters = useCallback((f: Filters) => setParams(logFilterParams(f), { replace: true }), [setParams]);
  const [openId, setOpenId] = useState<string | null>(null);
  const { names } = useDirectory(filters.workspaceId);

  const q = useLogs(filters);

  const rows = useMemo<LogRow[]>(() => q.data?.pages.flatMap((p) => p.data) ?? [], [q.data]);
  const columns = useMemo(() => logColumns(t, names), [t, names]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      if (!el || !hasNextPage || isFetchingNextPage) return;
      if (el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_PX) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage],
  );

  const exportCsv = () => {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    downloadCsv(
      logsToCsv(rows, (k) => t(`logs.csv.${k}`)),
      `baimo-logs-${stamp}.csv`,
    );
  };

  return (
    <div data-testid="logs-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('logs.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('logs.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void q.refetch()}
            loading={q.isRefetching && !isFetchingNextPage}
            data-testid="logs-refresh"
          >
            {t('logs.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length} data-testid="logs-export">
            {t('logs.export')}
          </Button>
        </Space>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <LogFilters value={filters} onChange={setFilters} />
      </Card>
      {q.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('logs.loadError')}
          description={q.error instanceof Error ? q.error.message : String(q.error)}
          style={{ marginBottom: 16 }}
          data-testid="logs-error"
        />
      ) : null}
      <Card size="small">
        <Table<LogRow>
          data-testid="logs-table"
          virtual
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={q.isLoading}
          pagination={false}
          scroll={{ x: 1500, y: height }}
          onScroll={onScroll}
          onRow={(r) =>
            ({
              onClick: () => setOpenId(r.id),
              style: { cursor: 'pointer' },
              'data-testid': 'logs-row',
              'data-row-id': r.id,
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: t('logs.empty') }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="logs-count">
            {hasNextPage ? t('logs.loadedMore', { n: rows.length }) : t('logs.loadedAll', { n: rows.length })}
          </Typography.Text>
          {hasNextPage ? (
            <Button onClick={() => void fetchNextPage()} loading={isFetchingNextPage} data-testid="logs-load-more">
              {t('logs.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <LogDetail id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
