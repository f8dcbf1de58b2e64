/** Like / dislike of one answer (`POST /api/feedback` by its request id); a second click on the same one withdraws it. */
import { DislikeFilled, DislikeOutlined, LikeFilled, LikeOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { sendFeedback, type Rating } from '../api/page-views.ts';
import { useT } from '../i18n/index.ts';

export default function FeedbackButtons({ requestId, testId }: { requestId: string | null; testId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [rating, setRating] = useState<Rating | null>(null);
  const [busy, setBusy] = useState(false);
  if (!requestId) return null;

  const rate = async (want: Rating) => {
    const next = rating === want ? null : want;
    setBusy(true);
    try {
      await sendFeedback(requestId, next);
      setRating(next);
      void message.success(next ? t('feedback.thanks') : t('feedback.withdrawn'));
    } catch (e) {
      void message.error(t('feedback.failed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={0} data-testid={testId} data-rating={rating ?? ''}>
      <Tooltip title={t('feedback.like')}>
        <Button
          size="small"
          type="text"
          aria-label={t('feedback.like')}
          aria-pressed={rating === 'like'}
          disabled={busy}
          icon={rating === 'like' ? <LikeFilled /> : <LikeOutlined />}
          onClick={() => void rate('like')}
          data-testid={`${testId}-like`}
        />
      </Tooltip>
      <Tooltip title={t('feedback.dislike')}>
        <Button
          size="small"
          type="text"
          aria-label={t('feedback.dislike')}
          aria-pressed={rating === 'dislike'}
          disabled={busy}
          icon={rating === 'dislike' ? <DislikeFilled /> : <DislikeOutlined />}
          onClick={() => void rate('dislike')}
          data-testid={`${testId}-dislike`}
        />
      </Tooltip>
    </Space>
  );
}
