/**
 * One run's 含金量 report: status and live progress, the leaderboard, the quality-vs-cost scatter,
 * per-subject / group accuracy (MCQ), the safety verdicts (safety), the items browser and the exports.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Progress, Space, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { isLive, useRunReport, type RunView } from '../../api/eval.ts';
import { hasData, QueryFallback } from '../../app/QueryFallback.tsx';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { ItemsBrowser } from './ItemsBrowser.tsx';
import { LeaderboardTable } from './LeaderboardTable.tsx';
import { QualityCostScatter } from './QualityCostScatter.tsx';
import { RunActions } from './RunActions.tsx';
import { SafetyPanel } from './SafetyPanel.tsx';
import { SubjectScores } from './SubjectScores.tsx';
import { datasetPath, fmtMoney, RUN_BAR, RUN_STATUS_COLORS } from './format.ts';

function RunProgress({ run }: { run: RunView }) {
  const t = useT();
  return (
    <div style={{ width: '100%', maxWidth: 420 }} data-testid="eval-run-progress" data-progress={run.progress}>
      <Progress percent={Math.floor(run.progress * 1000) / 10} status={RUN_BAR[run.status]} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('eval.run.progressText', { done: run.done_items, total: run.total_items, errors: run.error_items })}
      </Typography.Text>
    </div>
  );
}

export default function RunPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { workspaceId, workspaces } = useCurrentWorkspace();
  const report = useRunReport(workspaceId, id);
  const canWrite = workspaces.find((w) => w.id === workspaceId)?.role !== 'viewer';
  const back = (
    <Link to="/eval" data-testid="eval-back">
      <ArrowLeftOutlined /> {t('eval.back')}
    </Link>
  );
  if (!hasData(report)) return <QueryFallback query={report} notFound={t('eval.run.notFound')} back={back} />;
  const { run, results } = report.data;
  const live = isLive(run);
  const totalCny = results.reduce((s, r) => s + r.cost_cny, 0);
  const totalUsd = results.reduce((s, r) => s + r.cost_usd, 0);

  return (
    <div data-testid="eval-run-page" data-status={run.status}>
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 8 }}>
        <Space orientation="vertical" size={4}>
          {back}
          <Typography.Title level={3} style={{ margin: 0 }}>
            <span data-testid="eval-run-title">{run.name}</span>
            <Tag color={RUN_STATUS_COLORS[run.status]} style={{ marginLeft: 8, verticalAlign: 'middle' }} data-testid="eval-run-status">
              {t(`eval.status.${run.status}`)}
            </Tag>
          </Typography.Title>
          <Typography.Text type="secondary">{t('eval.run.subtitle')}</Typography.Text>
        </Space>
        <Space wrap>
          <ExportButtons workspaceId={workspaceId} runId={run.id} name={run.name} />
          <RunActions workspaceId={workspaceId} run={run} canWrite={canWrite} size="middle" onDeleted={() => void navigate('/eval')} />
        </Space>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'type', label: t('eval.col.type'), children: <Tag>{t(`eval.type.${run.type}`)}</Tag> },
          {
            key: 'dataset',
            label: t('eval.col.dataset'),
            children: (
              <Link to={datasetPath(run.dataset.id)}>
                {run.dataset.name}@{run.dataset.version}
              </Link>
            ),
          },
          { key: 'created', label: t('eval.col.created'), children: fmtTime(run.created_at) },
          { key: 'finished', label: t('eval.col.finished'), children: run.finished_at ? fmtTime(run.finished_at) : '—' },
          { key: 'progress', label: t('eval.col.progress'), children: <RunProgress run={run} />, span: 2 },
          {
            key: 'cost',
            label: t('eval.col.totalCost'),
            children: `${fmtMoney(totalCny, '¥')} / ${fmtMoney(totalUsd, '$')}`,
          },
          { key: 'rate', label: t('eval.col.usdCny'), children: report.data.usd_cny },
        ]}
      />
      {run.error ? <Alert type="error" showIcon title={run.error} style={{ marginBottom: 12 }} /> : null}
      {live ? <Alert type="info" showIcon title={t('eval.run.liveHint')} style={{ marginBottom: 12 }} /> : null}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('eval.section.leaderboard')} size="small">
          <LeaderboardTable type={run.type} results={results} />
        </Card>
        <Card
          title={t('eval.section.scatter')}
          size="small"
          extra={<Typography.Text type="secondary">{t('eval.scatter.hint')}</Typography.Text>}
        >
          <QualityCostScatter results={results} />
        </Card>
        {run.type === 'mcq' ? (
          <Card title={t('eval.section.subjects')} size="small">
            <SubjectScores results={results} />
          </Card>
        ) : null}
        {run.type === 'safety' ? (
          <Card title={t('eval.section.safety')} size="small">
            <SafetyPanel results={results} />
          </Card>
        ) : null}
        <Card title={t('eval.section.items')} size="small">
          <ItemsBrowser workspaceId={workspaceId} run={run} live={live} />
        </Card>
      </Space>
    </div>
  );
}
