/** Cancel (queued / running), resume (failed / cancelled: finished items are kept) and delete a run. */
import { DeleteOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { isLive, useDeleteRun, useRunAction, type RunView } from '../../api/eval.ts';
import { useT } from '../../i18n/index.ts';

export function RunActions({
  workspaceId,
  run,
  canWrite,
  size = 'small',
  onDeleted,
}: {
  workspaceId: string;
  run: RunView;
  canWrite: boolean;
  size?: 'small' | 'middle';
  onDeleted?: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const cancel = useRunAction(workspaceId, 'cancel');
  const resume = useRunAction(workspaceId, 'resume');
  const remove = useDeleteRun(workspaceId);
  const type = size === 'small' ? 'link' : 'default';
  const act = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      message.success(done);
      return true;
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
      return false;
    }
  };

  return (
    <Space size={size === 'small' ? 0 : 8}>
      {isLive(run) ? (
        <Button
          type={type}
          size={size}
          icon={<PauseCircleOutlined />}
          disabled={!canWrite}
          loading={cancel.isPending}
          onClick={() => void act(cancel.mutateAsync(run.id), t('eval.run.cancelled'))}
          data-testid={`eval-run-cancel-${run.id}`}
        >
          {t('eval.run.cancel')}
        </Button>
      ) : null}
      {run.status === 'failed' || run.status === 'cancelled' ? (
        <Button
          type={type}
          size={size}
          icon={<PlayCircleOutlined />}
          disabled={!canWrite}
          loading={resume.isPending}
          onClick={() => void act(resume.mutateAsync(run.id), t('eval.run.resumed'))}
          data-testid={`eval-run-resume-${run.id}`}
        >
          {t('eval.run.resume')}
        </Button>
      ) : null}
      <Popconfirm
        title={t('eval.run.deleteConfirm', { name: run.name })}
        description={t('eval.run.deleteHint')}
        okText={t('eval.run.delete')}
        okButtonProps={{ danger: true, 'data-testid': 'eval-run-delete-ok' }}
        cancelText={t('common.cancel')}
        disabled={!canWrite}
        onConfirm={async () => {
          if (await act(remove.mutateAsync(run.id), t('eval.run.deleted'))) onDeleted?.();
        }}
      >
        <Button type={type} size={size} danger icon={<DeleteOutlined />} disabled={!canWrite} data-testid={`eval-run-delete-${run.id}`}>
          {t('eval.run.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
