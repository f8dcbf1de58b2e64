/** Models & providers: upstream providers, model aliases / available models, prices, local models and the built-in catalog. */
import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n';
import { CatalogTab } from './CatalogTab';
import { LocalModelsTab } from './LocalModelsTab';
import { ModelsTab } from './ModelsTab';
import { PricesTab } from './PricesTab';
import { ProvidersTab } from './ProvidersTab';

const TABS = ['providers', 'models', 'prices', 'local', 'catalog'] as const;
type Tab = (typeof TABS)[number];

export default function ModelsPage() {
  const t = useT();
  // The tab lives in the URL (?tab=models) so it survives reloads and can be linked to.
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'providers';
  return (
    <div data-testid="models-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('models.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'providers', label: <span data-testid="models-tab-providers">{t('models.tab.providers')}</span>, children: <ProvidersTab /> },
          { key: 'models', label: <span data-testid="models-tab-models">{t('models.tab.models')}</span>, children: <ModelsTab /> },
          { key: 'prices', label: <span data-testid="models-tab-prices">{t('models.tab.prices')}</span>, children: <PricesTab /> },
          { key: 'local', label: <span data-testid="models-tab-local">{t('models.tab.local')}</span>, children: <LocalModelsTab /> },
          { key: 'catalog', label: <span data-testid="models-tab-catalog">{t('models.tab.catalog')}</span>, children: <CatalogTab /> },
        ]}
      />
    </div>
  );
}
