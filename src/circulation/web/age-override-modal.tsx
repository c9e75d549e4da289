/** Lending despite an age label: the librarian must give a reason, which the server logs. */
import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function AgeOverrideModal({
  barcode,
  onCancel,
  onConfirm,
}: {
  barcode: string | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = () => {
    if (!reason.trim()) return;
    const text = reason.trim();
    setReason('');
    void onConfirm(text);
  };
  return (
    <Modal opened={barcode !== null} onClose={onCancel} title={t('desk.ageOverrideTitle')}>
      <Text size="sm" mb="sm">
        {t('desk.ageOverrideText')}
      </Text>
      <Textarea
        data-autofocus
        label={t('desk.ageOverrideReason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
        data-testid="age-override-reason"
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="orange" onClick={submit} disabled={!reason.trim()} data-testid="age-override-confirm">
          {t('desk.ageOverrideConfirm')}
        </Button>
      </Group>
    </Modal>
  );
}
