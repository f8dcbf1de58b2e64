import { messages } from '../messages.ts';

/** Likes and dislikes of answers (playground, app pages). */
export default messages({
  'zh-CN': {
    'feedback.like': '有帮助',
    'feedback.dislike': '没帮助',
    'feedback.thanks': '感谢反馈',
    'feedback.withdrawn': '已撤销评价',
    'feedback.failed': '反馈未能提交：{message}',
  },
  en: {
    'feedback.like': 'Helpful',
    'feedback.dislike': 'Not helpful',
    'feedback.thanks': 'Thanks for the feedback',
    'feedback.withdrawn': 'Rating withdrawn',
    'feedback.failed': 'Feedback was not sent: {message}',
  },
});
