/**
 * The Share dialog: the link for the current design (seed included), its length with a warning
 * above 8,000 characters and a refusal above 32,000 (with the file offered instead), options
 * (open in Simulate mode, embed view), Copy, an iframe snippet for embeds, and a QR code.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { createShareLink, WARN_LINK_LENGTH, type ShareOptions } from '../../core/codec/link';
import { Dialog } from '../app/Dialog';
import { useActionContext, useRunAction } from '../app/actions-context';
import { useFanout } from '../store-context';
import { linkQrCode, type QrResult } from './qr';

/** Where links made here open: this very app, at its current address (without any fragment). */
export function currentAppBase(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const ctx = useActionContext();
  const run = useRunAction();
  const design = useFanout((s) => s.document);
  const [options, setOptions] = useState<ShareOptions>({});
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [qr, setQr] = useState<QrResult | null>(null);
  // A long link makes a dense code: 220 px is too small to scan from a screen, so it can be enlarged.
  const [bigQr, setBigQr] = useState(false);
  const qrRef = useRef<HTMLImageElement>(null);
  useEffect(() => {
    if (bigQr) qrRef.current?.scrollIntoView({ block: 'nearest' });
  }, [bigQr]);
  const result = useMemo(() => createShareLink(design, currentAppBase(), options), [design, options]);
  const link = result.ok ? result.link : '';

  useEffect(() => {
    let live = true;
    setQr(null);
    if (link) void linkQrCode(link).then((r) => live && setQr(r));
    return () => {
      live = false;
    };
  }, [link]);

  const copy = async () => {
    try {
      await ctx.clipboard.writeText(link);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  const embedSnippet = `<iframe src="${link.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="960" height="540" style="border:0" title="${(design.name ?? 'Fanout design').replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}" loading="lazy"></iframe>`;

  return (
    <Dialog title="Share this design" onClose={onClose} className="fo-dialog--share">
      <p className="fo-share__intro">
        The link carries the whole design, seed included: whoever opens it sees the same diagram and the same run. Nothing is
        uploaded — the design travels inside the link.
      </p>
      {result.ok ? (
        <>
          <div className="fo-share__row">
            <input className="fo-input fo-share__link" aria-label="Share link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="fo-button fo-button--primary" onClick={() => void copy()}>
              Copy link
            </button>
          </div>
          <p className="fo-share__meta" data-testid="share-link-length" aria-live="polite">
            {result.length.toLocaleString('en')} characters
            {copied === 'copied' && <span className="fo-share__ok"> · Copied</span>}
            {copied === 'failed' && <span className="fo-share__warn"> · The clipboard is not available here: select the link and copy it.</span>}
          </p>
          {result.warning && (
            <p className="fo-share__warn" role="status">
              {result.warning}
            </p>
          )}
        </>
      ) : (
        <div className="fo-share__refused" role="alert">
          <p>{result.error}</p>
          <button type="button" className="fo-button fo-button--primary" onClick={() => run('share.export-json')}>
            Export JSON instead
          </button>
        </div>
      )}
      <fieldset className="fo-share__options">
        <legend>The link opens</legend>
        <label>
          <input
            type="checkbox"
            checked={options.mode === 'simulate'}
            onChange={(e) => setOptions((o) => ({ ...o, mode: e.target.checked ? 'simulate' : undefined }))}
          />{' '}
          in Simulate mode
        </label>
        <label>
          <input type="checkbox" checked={!!options.embed} onChange={(e) => setOptions((o) => ({ ...o, embed: e.target.checked || undefined }))} />{' '}
          as an embed: read-only canvas, no editing tools (for iframes in slides and docs)
        </label>
      </fieldset>
      {result.ok && options.embed && (
        <label className="fo-share__embed">
          <span>Embed code</span>
          <textarea className="fo-input" readOnly rows={3} value={embedSnippet} aria-label="Embed code" onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      {result.ok && (
        <div className="fo-share__qr" data-testid="share-qr">
          {qr === null ? (
            <p>Making the QR code…</p>
          ) : qr.ok ? (
            <>
              <img
                ref={qrRef}
                onLoad={() => bigQr && qrRef.current?.scrollIntoView({ block: 'nearest' })}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`}
                alt="QR code of the share link"
                className={bigQr ? 'fo-share__qr-big' : undefined}
                width={bigQr ? 560 : 220}
                height={bigQr ? 560 : 220}
              />
              <button type="button" className="fo-button fo-button--small" aria-pressed={bigQr} onClick={() => setBigQr((b) => !b)}>
                {bigQr ? 'Smaller QR code' : 'Larger QR code (to scan from a screen)'}
              </button>
            </>
          ) : (
            <p className="fo-share__warn">{qr.message}</p>
          )}
        </div>
      )}
      {result.ok && result.length > WARN_LINK_LENGTH / 4 && result.verdict === 'ok' && (
        <p className="fo-share__hint">Tip: Export JSON keeps the design as a file you can version with your slides.</p>
      )}
    </Dialog>
  );
}
