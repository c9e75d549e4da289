/** Dialogs of a reader's card: change the data, block with a reason, merge a duplicate, erase on request. */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { errorText, notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZBlock, ZReaderUpdate } from '../readers.schemas';
import { fullName, refreshReaders, useReaderCategories, type ReaderDetail, type ReaderRow } from './api';
import { personInput, PersonFields } from './reader-fields';

function EditBody({ reader, onClose }: { reader: ReaderDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useReaderCategories(reader.networkId);
  const form = useForm({
    initialValues: {
      surname: reader.surname,
      firstName: reader.firstName,
      patronymic: reader.patronymic,
      birthDate: reader.birthDate,
      sex: reader.sex as string | null,
      categoryId: reader.categoryId,
      phone: reader.phone,
      email: reader.email,
      address: reader.address,
      notes: reader.notes,
      guardianName: reader.guardianName,
      guardianRelation: reader.guardianRelation,
      guardianPhone: reader.guardianPhone,
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: unknown) => api.put<ReaderDetail>(`/api/v1/readers/${reader.id}`, input),
    onSuccess: () => {
      notifySaved();
      refreshReaders(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const input = feedback.validate(ZReaderUpdate, personInput(values));
        if (input) save.mutate(input);
      })}
    >
      <Stack>
        <FormAlert messages={feedback.general} />
        <PersonFields form={form} categories={categories.data ?? []} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="reader-edit-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditReaderModal({
  reader,
  opened,
  onClose,
}: {
  reader: ReaderDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('readers.editTitle')} size="xl">
      {opened && <EditBody reader={reader} onClose={onClose} />}
    </Modal>
  );
}

export function BlockModal({
  reader,
  opened,
  onClose,
}: {
  reader: ReaderDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { reason: '' } });
  const feedback = useFormFeedback(form);
  const block = useMutation({
    mutationFn: (input: unknown) => api.post(`/api/v1/readers/${reader.id}/block`, input),
    onSuccess: () => {
      notifySaved(t('readers.blockedDone'));
      refreshReaders(queryClient);
      form.reset();
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('readers.blockTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const input = feedback.validate(ZBlock, values);
          if (input) block.mutate(input);
        })}
      >
        <Stack>
          <Textarea
            label={t('readers.blockReason')}
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('reason')}
            data-testid="block-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="red" type="submit" loading={block.isPending} data-testid="block-confirm">
              {t('readers.block')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Confirms an action that cannot be undone; shows the server's refusal inside the dialog. */
function ConfirmAction({
  opened,
  title,
  text,
  confirm,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  text: string;
  confirm: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <Stack>
        <Text size="sm">{text}</Text>
        {error && (
          <Alert color="red" role="alert" data-testid="confirm-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={busy}
            data-testid="confirm-action"
            onClick={() => {
              setBusy(true);
              onConfirm()
                .then(close)
                .catch((e: unknown) => setError(errorText(e)))
                .finally(() => setBusy(false));
            }}
          >
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function MergeModal({
  reader,
  duplicate,
  onClose,
}: {
  reader: ReaderDetail;
  duplicate: ReaderRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ConfirmAction
      opened={duplicate !== null}
      title={t('readers.mergeTitle')}
      text={
        duplicate
          ? t('readers.mergeText', {
              duplicate: `${fullName(duplicate)} (${duplicate.cardNumber})`,
              card: reader.cardNumber,
            })
          : ''
      }
      confirm={t('readers.merge')}
      onConfirm={async () => {
        await api.post(`/api/v1/readers/${reader.id}/merge`, { duplicateId: duplicate!.id });
        notifySaved(t('readers.mergedDone'));
        refreshReaders(queryClient);
      }}
      onClose={onClose}
    />
  );
}

export function EraseModal({
  reader,
  opened,
  onClose,
}: {
  reader: ReaderDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ConfirmAction
      opened={opened}
      title={t('readers.eraseTitle')}
      text={t('readers.eraseText')}
      confirm={t('readers.erase')}
      onConfirm={async () => {
        await api.post(`/api/v1/readers/${reader.id}/erase`, {});
        notifySaved(t('readers.erasedDone'));
        refreshReaders(queryClient);
      }}
      onClose={onClose}
    />
  );
}
