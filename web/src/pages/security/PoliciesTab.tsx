/** Policies: pick a scope (the workspace, one of its apps or keys), edit its stored policy, see the effective one. */
import { App, Card, Col, Empty, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { fmtTime } from '../logs/format';
import { EffectivePolicy } from './EffectivePolicy';
import { useLibraries } from '../../api/moderation.ts';
import {
  useDeletePolicy,
  useEffectivePolicy,
  usePolicies,
  usePolicy,
  useSavePolicy,
  type PolicyDocument,
  type ScopeType,
} from '../../api/security.ts';
import { errorText, useScopes } from './hooks';
import { PolicyForm } from './PolicyForm';

export function PoliciesTab({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const { message } = App.useApp();
  // A link may open one scope (`?scope=app&scope_id=app_…`, from the app studio).
  const [params] = useSearchParams();
  const linked = params.get('scope');
  const [scopeType, setScopeType] = useState<ScopeType>(linked === 'app' || linked === 'key' ? linked : 'workspace');
  const [pickedId, setPickedId] = useState<string | undefined>(() =>
    linked === 'app' || linked === 'key' ? (params.get('scope_id') ?? undefined) : undefined,
  );
  const [error, setError] = useState<string | null>(null);
  const { apps, keys } = useScopes(workspaceId);
  const stored = usePolicies(workspaceId);
  const libraries = useLibraries(workspaceId);

  // Another workspace or scope type: no scope picked, no error shown.
  const [shownFor, setShownFor] = useState(`${workspaceId}|${scopeType}`);
  if (shownFor !== `${workspaceId}|${scopeType}`) {
    setShownFor(`${workspaceId}|${scopeType}`);
    setPickedId(undefined);
    setError(null);
  }

  const scopeId = scopeType === 'workspace' ? workspaceId : pickedId;
  const key = scopeType === 'key' ? keys.find((k) => k.id === scopeId) : undefined;
  const policy = usePolicy(scopeType, scopeId);
  const effective = useEffectivePolicy({
    workspace_id: workspaceId,
    app_id: scopeType === 'app' ? scopeId : (key?.app_id ?? undefined),
    key_id: scopeType === 'key' ? scopeId : undefined,
  });
  const save = useSavePolicy();
  const del = useDeletePolicy();
  const has = new Set((stored.data ?? []).map((p) => `${p.scope_type}:${p.scope_id}`));
  const mark = (type: ScopeType, id: string) => (has.has(`${type}:${id}`) ? ` · ${t('security.policy.hasPolicy')}` : '');

  const onSave = async (doc: PolicyDocument) => {
    if (!scopeId) return;
    setError(null);
    try {
      await save.mutateAsync({ scopeType, scopeId, policy: doc });
      message.success(t('security.policy.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setError(e.message);
      else message.error(t('common.error', { message: errorText(e) }));
    }
  };
  const onDelete = async () => {
    if (!scopeId) return;
    try {
      await del.mutateAsync({ scopeType, scopeId });
      message.success(t('security.policy.deleted'));
    } catch (e) {
      message.error(t('common.error', { message: errorText(e) }));
    }
  };

  const options =
    scopeType === 'app'
      ? apps.map((a) => ({ value: a.id, label: `${a.name}${mark('app', a.id)}` }))
      : keys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix})${mark('key', k.id)}` }));
  const view = policy.data;
  const isStored = Boolean(view?.updated_at) || Object.keys(view?.policy ?? {}).length > 0;

  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Card size="small">
          <Space wrap style={{ marginBottom: 8 }}>
            <Segmented<ScopeType>
              data-testid="policy-scope"
              value={scopeType}
              onChange={setScopeType}
              options={(['workspace', 'app', 'key'] as const).map((s) => ({
                value: s,
                label: <span data-testid={`policy-scope-${s}`}>{t(`security.scope.${s}`)}</span>,
              }))}
            />
            {scopeType !== 'workspace' ? (
              <Select
                data-testid="policy-scope-id"
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 260 }}
                value={pickedId}
                onChange={setPickedId}
                placeholder={t(`security.scope.pick.${scopeType}`)}
                options={options}
                notFoundContent={t(`security.scope.none.${scopeType}`)}
              />
            ) : null}
            {view?.updated_at ? (
              <Typography.Text type="secondary" data-testid="policy-updated">
                {t('security.policy.updated', { at: fmtTime(view.updated_at), by: view.updated_by ?? '—' })}
              </Typography.Text>
            ) : scopeId && view ? (
              <Tag>{t('security.policy.notSet')}</Tag>
            ) : null}
          </Space>
          {!scopeId ? (
            <Empty description={t(`security.scope.pick.${scopeType}`)} />
          ) : policy.isLoading ? (
            <Skeleton active />
          ) : policy.isError ? (
            <Typography.Text type="danger">{errorText(policy.error)}</Typography.Text>
          ) : (
            <PolicyForm
              policy={view?.policy ?? {}}
              libraries={libraries.data ?? []}
              saving={save.isPending}
              deleting={del.isPending}
              error={error}
              stored={isStored}
              onSave={(d) => void onSave(d)}
              onDelete={() => void onDelete()}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <EffectivePolicy policy={effective.data} loading={effective.isLoading} error={effective.error} libraries={libraries.data ?? []} />
      </Col>
    </Row>
  );
}
