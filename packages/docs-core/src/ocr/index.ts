export * from './tesseract-engine.js';
export * from './pdf-raster.js';
export * from './read-scanned-pages.js';
export * from './ocr-queue.js';
export * from './ocr-job.js';
