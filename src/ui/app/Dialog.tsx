/** A modal dialog on the native <dialog> element: focus trap, Escape and an accessible name for free. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onClose, children, className }: { title: string; onClose: () => void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // The control that opened it gets focus back on close: the dialog element is unmounted with its
    // owner, and a removed <dialog> does not restore focus itself (keyboard users landed on <body>).
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className={`fo-dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose(); // a click on the backdrop
      }}
    >
      <div className="fo-dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="fo-icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="fo-dialog__body">{children}</div>
    </dialog>
  );
}

export function ConfirmDialog({ question, confirmLabel, onAnswer }: { question: string; confirmLabel: string; onAnswer: (yes: boolean) => void }) {
  return (
    <Dialog title="Are you sure?" onClose={() => onAnswer(false)} className="fo-dialog--confirm">
      <p>{question}</p>
      <div className="fo-dialog__actions">
        <button type="button" className="fo-button" onClick={() => onAnswer(false)} autoFocus>
          Cancel
        </button>
        <button type="button" className="fo-button fo-button--primary" onClick={() => onAnswer(true)}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
