/**
 * Toasts: refusals ("Cannot connect: …"), failures (autosave) and confirmations. Errors are
 * announced assertively (role="alert"), the rest politely (role="status"). Each fades after a
 * while; errors stay longer and can be dismissed.
 */
import { useEffect } from 'react';
import type { Notice } from '../../state/store';
import { useFanout, useFanoutStore } from '../store-context';

const LIFETIME_MS: Record<Notice['tone'], number> = { info: 5000, success: 3000, warning: 8000, error: 10000 };

function NoticeItem({ notice }: { notice: Notice }) {
  const store = useFanoutStore();
  useEffect(() => {
    const timer = setTimeout(() => store.getState().dismissNotice(notice.id), LIFETIME_MS[notice.tone]);
    return () => clearTimeout(timer);
  }, [store, notice]);
  return (
    <div className={`fo-notice fo-notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span className="fo-notice__text">{notice.message}</span>
      <button type="button" className="fo-notice__close" aria-label="Dismiss" onClick={() => store.getState().dismissNotice(notice.id)}>
        ×
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useFanout((s) => s.session.notices);
  return (
    <div className="fo-notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
