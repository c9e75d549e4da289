import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  text: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** What the red button says: the action itself ("Изъять"); "Продолжить" unless told. */
  confirmLabel?: string;
}

/** Asks before an action that cannot be taken back, or would throw away what the user typed. */
export function ConfirmModal({ opened, title, text, onConfirm, onCancel, confirmLabel }: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Text mb="lg">{text}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm}>
          {confirmLabel ?? t('common.continue')}
        </Button>
      </Group>
    </Modal>
  );
}
