/**
 * PDF documents (pdfkit) set in DejaVu Sans, embedded, so that Cyrillic and the Kyrgyz letters ң ө ү
 * print on any machine: the fonts are registered as 'regular' and 'bold', and the document's bytes are
 * collected into one Buffer when it ends.
 */
import { createRequire } from 'node:module';
import { loadPdfKit } from './lazy-packages';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export type PdfDocument = PDFKit.PDFDocument;

/** A new document with the fonts 'regular' and 'bold'; `end()` finishes it and resolves to its bytes. */
export async function openPdf(options: PDFKit.PDFDocumentOptions): Promise<{ doc: PdfDocument; end: () => Promise<Buffer> }> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  return {
    doc,
    end: () => {
      doc.end();
      return done;
    },
  };
}
