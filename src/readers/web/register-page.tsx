/**
 * /staff/readers/new — registering a reader at a library: the person, consent (with the version of
 * its text and the printable form), a pre-printed card number if the card is already in hand (the desk
 * passes a scanned unknown card here). Before saving, readers of the network with the same name and
 * birth date are shown: open the existing card, or register anyway.
 */
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPrinter, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../web/api/client';
import { paths } from '../../web/paths';
import { FormAlert } from '../../web/ui/feedback';
import { formatDate } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { useDeskLibraries, useDeskLibrary } from '../../web/desk-library';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { CURRENT_CONSENT_VERSION, ZReaderRegistration } from '../readers.schemas';
import {
  findDuplicates,
  fullName,
  refreshReaders,
  useReaderCategories,
  type ReaderDetail,
  type ReaderRow,
} from './api';
import { emptyPerson, personInput, PersonFields } from './reader-fields';
import { libraryOptions } from '../../network/web/library-options';

function Duplicates({ rows, onRegisterAnyway }: { rows: ReaderRow[]; onRegisterAnyway: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t('readers.duplicateTitle')} data-testid="duplicate-warning">
      <Text size="sm" mb="xs">
        {t('readers.duplicateText')}
      </Text>
      <Table>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{fullName(r)}</Table.Td>
              <Table.Td>{formatDate(r.birthDate)}</Table.Td>
              <Table.Td>{r.cardNumber}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={paths.reader(r.id)} data-testid="duplicate-open">
                  {t('readers.openExisting')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end" mt="sm">
        <Button variant="light" color="orange" onClick={onRegisterAnyway} data-testid="register-anyway">
          {t('readers.registerAnyway')}
        </Button>
      </Group>
    </Alert>
  );
}

export function RegisterReaderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const { libraryId: deskLibraryId } = useDeskLibrary();
  const libraries = useDeskLibraries();
  const [duplicates, setDuplicates] = useState<ReaderRow[]>([]);
  const form = useForm({
    initialValues: {
      ...emptyPerson(),
      libraryId: deskLibraryId ?? '',
      cardNumber: search.get('card') ?? '',
      consentGiven: false,
    },
  });
  const feedback = useFormFeedback(form);
  const libraryId = form.values.libraryId || deskLibraryId || libraries.data?.items[0]?.id || '';
  const library = libraries.data?.items.find((l) => l.id === libraryId);
  const categories = useReaderCategories(library?.networkId);

  const save = useMutation({
    mutationFn: async ({
      input,
      allowDuplicate,
    }: {
      input: ReturnType<typeof ZReaderRegistration.parse>;
      allowDuplicate: boolean;
    }) => {
      if (!allowDuplicate && library) {
        const found = await findDuplicates({ networkId: library.networkId, ...input, patronymic: input.patronymic });
        if (found.length) return { duplicates: found };
      }
      return { reader: await api.post<ReaderDetail>('/api/v1/readers', { ...input, allowDuplicate }) };
    },
    onSuccess: (result) => {
      if ('duplicates' in result) {
        setDuplicates(result.duplicates ?? []);
        return;
      }
      notifySaved(t('readers.registered', { card: result.reader.cardNumber }));
      refreshReaders(queryClient);
      void navigate(`${paths.reader(result.reader.id)}?registered=1`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'reader_duplicate' && library) {
        void findDuplicates({
          networkId: library.networkId,
          ...personInput(form.values),
          birthDate: form.values.birthDate ?? '',
        }).then(setDuplicates);
        return;
      }
      feedback.fail(error);
    },
  });

  const submit = (allowDuplicate: boolean) => {
    const { cardNumber, ...values } = form.values;
    const input = feedback.validate(ZReaderRegistration, {
      ...personInput(values),
      libraryId,
      consentGiven: values.consentGiven,
      consentVersion: CURRENT_CONSENT_VERSION,
      ...(cardNumber.trim() ? { cardNumber: cardNumber.trim() } : {}),
    });
    if (input) save.mutate({ input, allowDuplicate });
  };

  return (
    <>
      <PageHeader title={t('readers.registerTitle')} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDuplicates([]);
          submit(false);
        }}
      >
        <Stack maw={900}>
          <FormAlert messages={feedback.general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('readers.library')}
              required
              searchable
              allowDeselect={false}
              data={libraryOptions(libraries.data?.items ?? [])}
              {...form.getInputProps('libraryId')}
              value={libraryId || null}
              data-testid="reader-library"
            />
            <TextInput
              label={t('readers.cardNumber')}
              description={t('readers.cardNumberHint')}
              {...form.getInputProps('cardNumber')}
              data-testid="reader-card-number"
            />
          </SimpleGrid>
          <PersonFields form={form} categories={categories.data ?? []} />
          <Paper withBorder p="sm">
            <Checkbox
              label={t('readers.consentLabel', { version: CURRENT_CONSENT_VERSION })}
              {...form.getInputProps('consentGiven', { type: 'checkbox' })}
              data-testid="reader-consent"
            />
            {libraryId && (
              <Group gap="md" mt="xs">
                <Anchor size="sm" href={`/api/v1/libraries/${libraryId}/consent-form.pdf`} target="_blank">
                  <IconPrinter size={14} /> {t('readers.blankConsent')}
                </Anchor>
                <Anchor size="sm" href={`/api/v1/libraries/${libraryId}/consent-form.pdf?minor=true`} target="_blank">
                  <IconPrinter size={14} /> {t('readers.blankConsentMinor')}
                </Anchor>
              </Group>
            )}
          </Paper>
          {duplicates.length > 0 && <Duplicates rows={duplicates} onRegisterAnyway={() => submit(true)} />}
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={paths.readers}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              leftSection={<IconUserPlus size={16} />}
              data-testid="reader-save"
            >
              {t('readers.register')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
