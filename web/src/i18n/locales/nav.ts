import { messages } from '../messages.ts';

export default messages({
  'zh-CN': {
    'nav.overview': '概览',
    'nav.playground': '在线体验',
    'nav.apps': '应用',
    'nav.models': '模型与服务商',
    'nav.keys': 'API 密钥',
    'nav.logs': '请求日志',
    'nav.knowledge': '知识库',
    'nav.eval': '评测',
    'nav.arena': '模型竞技场',
    'nav.jobs': '后台任务',
    'nav.security': '安全合规',
    'nav.workspaces': '工作空间与用户',
    'nav.login': '登录',
  },
  en: {
    'nav.overview': 'Overview',
    'nav.playground': 'Playground',
    'nav.apps': 'Apps',
    'nav.models': 'Models & providers',
    'nav.keys': 'API keys',
    'nav.logs': 'Request logs',
    'nav.knowledge': 'Knowledge bases',
    'nav.eval': 'Evaluation',
    'nav.arena': 'Arena',
    'nav.jobs': 'Background jobs',
    'nav.security': 'Security',
    'nav.workspaces': 'Workspaces & users',
    'nav.login': 'Log in',
  },
});
