import { Button, Group, Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  text: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** What the red button says: the action itself ("Изъять"); "Продолжить" unless told. */
  confirmLabel?: string;
  /** Optional fields under the text (a write-off's act number and reason). */
  children?: ReactNode;
}

/**
 * Asks before an action that cannot be taken back, or would throw away what the user typed. With fields
 * in it, neither Escape (which also closes a field's suggestions) nor a click beside it closes it: only
 * its buttons do, so what was typed there is not lost by a slip.
 */
export function ConfirmModal({ opened, title, text, onConfirm, onCancel, confirmLabel, children }: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={title}
      centered
      closeOnEscape={!children}
      closeOnClickOutside={!children}
    >
      <Text mb="lg">{text}</Text>
      {children}
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
