/**
 * The printable consent to the processing of personal data: the law of the network's country
 * (152-ФЗ in Russia, Закон КР №58 in Kyrgyzstan), the version of the consent text recorded with the
 * reader, and, for a reader under 14, the block the legal representative fills and signs. Filled
 * from the reader's card, or blank to fill by hand.
 */
import { t } from '../app/i18n';
import type { TLanguage } from '../staff/staff.schemas';
import { openPdf } from '../app/pdf';

export interface ConsentFormData {
  language: TLanguage;
  country: string;
  networkName: string;
  libraryName: string;
  version: string;
  isMinor: boolean;
  reader: {
    fullName: string;
    birthDate: string;
    address: string;
    phone: string;
    cardNumber: string;
    guardianName: string;
    guardianRelation: string;
    guardianPhone: string;
  } | null;
}

const BLANK = '______________________________';
const dotted = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('.') : iso);

export async function renderConsentForm(data: ConsentFormData): Promise<Buffer> {
  const lang = data.language;
  const { doc, end } = await openPdf({
    size: 'A4',
    margin: 56,
    info: { Title: t(lang, 'readers.consent.title'), Creator: 'Kitepkana' },
  });
  const r = data.reader;
  const value = (s: string | undefined) => (s && s.trim() ? s : BLANK);

  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#444')
    .text(data.networkName, { align: 'right' })
    .text(data.libraryName, { align: 'right' });
  doc.moveDown(2).fillColor('#000');
  doc.font('bold').fontSize(14).text(t(lang, 'readers.consent.title'), { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(t(lang, data.country === 'RU' ? 'readers.consent.law_RU' : 'readers.consent.law_KG'), { align: 'center' });
  doc.moveDown(1.5).fontSize(11);

  const person = {
    name: value(r?.fullName),
    birth: r ? dotted(r.birthDate) : '____________',
    address: value(r?.address),
    phone: value(r?.phone),
  };
  if (data.isMinor) {
    doc.text(
      t(lang, 'readers.consent.i_guardian', {
        ...person,
        guardian: value(r?.guardianName),
        relation: value(r?.guardianRelation),
        phone: value(r?.guardianPhone),
      }),
      { align: 'justify' },
    );
  } else {
    doc.text(t(lang, 'readers.consent.i', person), { align: 'justify' });
  }
  doc
    .moveDown(0.5)
    .text(t(lang, 'readers.consent.body', { operator: `${data.libraryName} (${data.networkName})` }), {
      align: 'justify',
    });
  doc.moveDown(0.5).text(t(lang, 'readers.consent.rights'), { align: 'justify' });
  doc.moveDown(0.5).text(t(lang, 'readers.consent.term'), { align: 'justify' });
  doc.moveDown(1.5);
  doc.text(t(lang, 'readers.consent.card', { card: r?.cardNumber ?? '____________' }));
  doc.moveDown(2);
  doc.text(t(lang, 'readers.consent.date'));
  doc.moveDown(1);
  doc.text(t(lang, 'readers.consent.signature'));
  if (data.isMinor) {
    doc
      .moveDown(0.5)
      .fontSize(9)
      .fillColor('#444')
      .text(`${t(lang, 'readers.field.guardian')}: ${value(r?.guardianName)}`);
  }
  doc.moveDown(3).fontSize(8).fillColor('#666');
  doc.text(t(lang, 'readers.consent.guardian_note'));
  doc.text(t(lang, 'readers.consent.version', { version: data.version }));
  return end();
}
