import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';
import { ChangePasswordForm } from './change-password-form';

/** Đổi mật khẩu from the top bar: a modal dialog over the open screen; the session stays, the others end. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [changed, setChanged] = useState(false);
  useEffect(() => dialog.current?.showModal(), []);

  return (
    <dialog ref={dialog} className="password-dialog" aria-labelledby="password-dialog-title" data-testid="change-password-dialog"
      onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <div className="dialog-head">
        <h2 id="password-dialog-title">{t('password.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>×</button>
      </div>
      {changed ? (
        <>
          <p className="form-notice" role="status" data-testid="change-password-done">{t('password.done')}</p>
          <div className="action-row"><button type="button" className="button primary" onClick={onClose} autoFocus>{t('common.close')}</button></div>
        </>
      ) : (
        <>
          <p className="muted">{t('password.dialogSubtitle')}</p>
          <ChangePasswordForm forced={false} onChanged={() => setChanged(true)}
            extraActions={<button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>} />
        </>
      )}
    </dialog>
  );
}
