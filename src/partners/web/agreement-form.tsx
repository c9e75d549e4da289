/** Recording a cooperation agreement with a partner, and attaching its signed file. */
import { Button, FileInput, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { FormAlert } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZAgreementInput, type TAgreementInput } from '../partners.schemas';
import { refreshPartnersData, type Agreement } from './api';

interface AgreementFormProps {
  partnerId: string;
  agreement?: Agreement;
  onClose: () => void;
}

function AgreementFormBody({ partnerId, agreement: a, onClose }: AgreementFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const [file, setFile] = useState<File | null>(null);
  const form = useForm({
    initialValues: {
      title: a?.title ?? '',
      number: a?.number ?? '',
      libraryId: a?.libraryId ?? '',
      signedOn: a?.signedOn ?? null,
      validUntil: a?.validUntil ?? null,
      note: a?.note ?? '',
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: async (input: TAgreementInput) => {
      const saved = a
        ? await api.put<{ id: string }>(`/api/v1/agreements/${a.id}`, input)
        : await api.post<{ id: string }>(`/api/v1/partners/${partnerId}/agreements`, input);
      if (file) await api.upload(`/api/v1/agreements/${saved.id}/file`, file, { fileName: file.name });
      return saved;
    },
    onSuccess: () => {
      notifySaved(t('common.saved'));
      refreshPartnersData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZAgreementInput, { ...v, libraryId: v.libraryId || null, signedOn: v.signedOn ?? '', validUntil: v.validUntil || null });
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <TextInput label={t('partners.agreementTitle')} required {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('partners.agreementNumber')} {...form.getInputProps('number')} />
          <DateField label={t('partners.signedOn')} required {...form.getInputProps('signedOn')} />
          <DateField label={t('partners.validUntil')} {...form.getInputProps('validUntil')} />
        </SimpleGrid>
        <Select
          label={t('partners.agreementLibrary')}
          data={(libraries.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
          searchable
          clearable
          {...form.getInputProps('libraryId')}
        />
        <FileInput label={t('partners.file')} placeholder={a?.fileName || t('partners.attachFile')} value={file} onChange={setFile} clearable />
        <Textarea label={t('partners.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AgreementFormModal({ opened, ...props }: AgreementFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={t('partners.agreements')} size="lg">
      {opened && <AgreementFormBody {...props} />}
    </Modal>
  );
}
