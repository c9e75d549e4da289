/**
 * Writing a copy off (списание) asks first, naming the copy by its inventory number and barcode, and takes
 * the number of the write-off act (акт о списании) and the reason — worn out, lost, obsolete, out of
 * scope, or the librarian's own words —, both optional, into the copy's note.
 */
import { Autocomplete, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../web/ui/confirm-modal';

/** The reasons of the write-off act (form 0504144) offered; the librarian may write another. */
export const WRITE_OFF_REASONS = ['worn', 'lost', 'obsolete', 'outOfScope'] as const;

/** The copy's note with a line added at its end ("Списан: акт № 12, ветхость."), or the note unchanged for an empty line. */
export function notesWith(notes: string, line: string): string {
  return [notes.trimEnd(), line.trim()].filter(Boolean).join('\n');
}

interface Copy {
  inventoryNumber: string;
  barcode: string;
}

interface Props {
  /** The copy to write off; the dialog is closed without one. */
  copy: Copy | null;
  /** Confirmed: the line to add to the copy's note, empty when neither an act nor a reason was given. */
  onConfirm: (noteLine: string) => void;
  onCancel: () => void;
}

function WriteOffFields({ copy, onConfirm, onCancel }: Props & { copy: Copy }) {
  const { t } = useTranslation();
  const [act, setAct] = useState('');
  const [reason, setReason] = useState('');
  const details = [act.trim() && t('writeOff.noteAct', { act: act.trim() }), reason.trim()].filter(Boolean).join(', ');
  return (
    <ConfirmModal
      opened
      title={t('writeOff.title')}
      text={t('writeOff.text', { inventoryNumber: copy.inventoryNumber, barcode: copy.barcode })}
      confirmLabel={t('writeOff.confirm')}
      onConfirm={() => onConfirm(details ? t('writeOff.note', { details }) : '')}
      onCancel={onCancel}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="lg">
        <TextInput label={t('writeOff.act')} value={act} onChange={(e) => setAct(e.currentTarget.value)} maxLength={40} data-testid="write-off-act" />
        <Autocomplete
          label={t('writeOff.reason')}
          data={WRITE_OFF_REASONS.map((r) => t(`writeOff.reasons.${r}`))}
          value={reason}
          onChange={setReason}
          maxLength={200}
          data-testid="write-off-reason"
        />
      </SimpleGrid>
    </ConfirmModal>
  );
}

/** The confirmation of a write-off; its fields start empty for each copy. */
export function WriteOffModal(props: Props) {
  return props.copy ? <WriteOffFields key={`${props.copy.inventoryNumber}/${props.copy.barcode}`} {...props} copy={props.copy} /> : null;
}
