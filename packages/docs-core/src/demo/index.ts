export { makeDemoPdf, type DemoPdfText } from './demo-pdf.js';
