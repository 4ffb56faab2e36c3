import { foldVietnamese } from '@eoffice/vietnamese';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMessages } from '../../i18n/define-messages';
import { openPdf, pageTexts } from './pdf-engine';
import { pdfMessages } from './pdf-messages';

/** A box on a page in PDF user space ([x1, y1, x2, y2], origin bottom-left): where a signature will be drawn. */
export interface PageBox {
  readonly pageIndex: number;
  readonly rect: readonly [number, number, number, number];
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/**
 * One page at a time on a canvas (pdf.js), with page buttons, zoom and find in the text (folded, so "dat dai" finds
 * "Đất đai"). `box` outlines where the signature goes: what the signer sees is the revision that will be signed.
 */
export function PdfPreview({ bytes, box, initialZoom = 1 }: { bytes: Uint8Array; box?: PageBox | null; initialZoom?: number }) {
  const t = useMessages(pdfMessages);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(box ? box.pageIndex + 1 : 1);
  const [zoom, setZoom] = useState(initialZoom);
  const [size, setSize] = useState<{ width: number; height: number; pageHeight: number } | null>(null);
  const [texts, setTexts] = useState<string[] | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ text: string; pages: number[] } | null>(null);

  useEffect(() => {
    let open: PDFDocumentProxy | null = null;
    let gone = false;
    setPdf(null);
    setFailed(false);
    setTexts(null);
    setFound(null);
    openPdf(bytes).then(
      (loaded) => {
        if (gone) void loaded.destroy();
        else {
          open = loaded;
          setPdf(loaded);
          setPage((current) => Math.min(current, loaded.numPages));
        }
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      void open?.destroy();
    };
  }, [bytes]);

  useEffect(() => {
    if (!pdf || !canvas.current) return;
    let task: RenderTask | null = null;
    let gone = false;
    void pdf.getPage(page).then((loaded) => {
      if (gone || !canvas.current) return;
      const viewport = loaded.getViewport({ scale: zoom });
      const target = canvas.current;
      // Drawn at the screen's pixel density so text stays sharp, shown at the page's CSS size.
      const density = window.devicePixelRatio || 1;
      target.width = Math.floor(viewport.width * density);
      target.height = Math.floor(viewport.height * density);
      target.style.width = `${Math.floor(viewport.width)}px`;
      target.style.height = `${Math.floor(viewport.height)}px`;
      setSize({ width: viewport.width, height: viewport.height, pageHeight: loaded.getViewport({ scale: 1 }).height });
      task = loaded.render({ canvas: target, viewport, transform: density === 1 ? undefined : [density, 0, 0, density, 0, 0] });
      task.promise.catch(() => undefined);
    });
    return () => {
      gone = true;
      task?.cancel();
    };
  }, [pdf, page, zoom]);

  async function find(event: FormEvent) {
    event.preventDefault();
    if (!pdf || !query.trim()) return;
    const all = texts ?? (await pageTexts(pdf));
    setTexts(all);
    const wanted = foldVietnamese(query.trim());
    const pages = all.flatMap((text, index) => (foldVietnamese(text).includes(wanted) ? [index + 1] : []));
    setFound({ text: query.trim(), pages });
    if (pages[0] !== undefined) setPage(pages[0]);
  }

  if (failed) return <p className="inline-error" role="alert">{t('error')}</p>;
  if (!pdf) return <p className="muted">{t('loading')}</p>;
  const zoomIndex = ZOOMS.findIndex((z) => z >= zoom);
  const boxOnPage = box && box.pageIndex + 1 === page && size ? box : null;
  const noText = texts !== null && texts.every((text) => text.trim() === '');
  return (
    <section className="pdf-preview" aria-label={t('label')} data-testid="pdf-preview">
      <div className="pdf-toolbar">
        <button type="button" className="icon-button" aria-label={t('previous')} disabled={page <= 1} onClick={() => setPage(page - 1)}>‹</button>
        <span data-testid="pdf-page">{t('page', { page, pages: pdf.numPages })}</span>
        <button type="button" className="icon-button" aria-label={t('next')} disabled={page >= pdf.numPages} onClick={() => setPage(page + 1)}>›</button>
        <button type="button" className="icon-button" aria-label={t('zoomOut')} disabled={zoomIndex <= 0} onClick={() => setZoom(ZOOMS[Math.max(0, zoomIndex - 1)]!)}>−</button>
        <span data-testid="pdf-zoom">{t('zoom', { percent: Math.round(zoom * 100) })}</span>
        <button type="button" className="icon-button" aria-label={t('zoomIn')} disabled={zoomIndex >= ZOOMS.length - 1} onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, zoomIndex + 1)]!)}>+</button>
        <form className="pdf-find" onSubmit={(e) => void find(e)} role="search">
          <input type="search" aria-label={t('find')} placeholder={t('find')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button">{t('findButton')}</button>
        </form>
      </div>
      {found && (
        <p className="muted small" role="status" data-testid="pdf-find-result">
          {found.pages.length > 0 ? t('found', { pages: found.pages.join(', ') }) : noText ? t('noText') : t('notFound', { text: found.text })}
        </p>
      )}
      <div className="pdf-page-wrap">
        <div className="pdf-page">
          <canvas ref={canvas} />
          {boxOnPage && size && (
            <div className="signature-box" data-testid="signature-box" title={t('signatureBox')}
              style={{
                left: `${boxOnPage.rect[0] * zoom}px`,
                top: `${(size.pageHeight - boxOnPage.rect[3]) * zoom}px`,
                width: `${(boxOnPage.rect[2] - boxOnPage.rect[0]) * zoom}px`,
                height: `${(boxOnPage.rect[3] - boxOnPage.rect[1]) * zoom}px`,
              }}>
              <span className="sr-only">{t('signatureBox')}</span>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
