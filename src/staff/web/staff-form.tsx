/** Creating or changing a staff account: who, role, where they may act (scope) and where they work. */
import { Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { enumOptions, type Option } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import {
  LANGUAGES,
  ROLES,
  SCOPE_KINDS,
  ZPassword,
  ZStaffInput,
  type TScopeKind,
  type TStaffInput,
} from '../staff.schemas';
import type { StaffAccount } from './api';
import { ResetPasswordForm } from './reset-password-form';

const ZNewStaff = ZStaffInput.extend({ password: ZPassword });

/** Where a scope's id comes from, per scope kind; the whole installation needs none. */
export type ScopeOptions = Record<Exclude<TScopeKind, 'installation'>, Option[]>;

interface StaffFormProps {
  account: StaffAccount | null;
  scopeOptions: ScopeOptions;
  libraryOptions: Option[];
  onClose: () => void;
}

function StaffFormBody({ account, scopeOptions, libraryOptions, onClose }: StaffFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<TStaffInput & { password: string }>({
    initialValues: {
      login: account?.login ?? '',
      fullName: account?.fullName ?? '',
      email: account?.email ?? '',
      position: account?.position ?? '',
      role: account?.role ?? 'librarian',
      scopeKind: account?.scopeKind ?? 'library',
      scopeId: account?.scopeId ?? null,
      libraryId: account?.libraryId ?? null,
      language: account?.language ?? 'ru',
      isActive: account?.isActive ?? true,
      password: '',
    },
  });
  // With the whole installation as scope there is no scope field, so its problems go to the kind.
  const feedback = useFormFeedback(form, (path) =>
    path === 'scopeId' && form.values.scopeKind === 'installation' ? 'scopeKind' : path,
  );
  const save = useMutation({
    mutationFn: (input: TStaffInput & { password?: string }) =>
      account ? api.put(`/api/v1/staff/${account.id}`, input) : api.post('/api/v1/staff', input),
    onSuccess: () => {
      notifySaved(account ? t('common.saved') : t('staff.created'));
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      void queryClient.invalidateQueries({ queryKey: ['library'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });

  const scopeKind = form.values.scopeKind;
  const submit = form.onSubmit(({ password, ...values }) => {
    const input = { ...values, scopeId: values.scopeKind === 'installation' ? null : values.scopeId };
    const data = account ? feedback.validate(ZStaffInput, input) : feedback.validate(ZNewStaff, { ...input, password });
    if (data) save.mutate(data);
  });

  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert messages={feedback.general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('staff.fullName')}
              required
              data-testid="staff-full-name"
              {...form.getInputProps('fullName')}
            />
            <TextInput
              label={t('staff.login')}
              required
              autoCapitalize="none"
              spellCheck={false}
              data-testid="staff-login"
              {...form.getInputProps('login')}
            />
            <TextInput label={t('staff.email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={t('staff.position')} {...form.getInputProps('position')} />
            <Select
              label={t('staff.role')}
              data={enumOptions(ROLES, (r) => t(`role.${r}`))}
              allowDeselect={false}
              required
              data-testid="staff-role"
              {...form.getInputProps('role')}
            />
            <Select
              label={t('staff.language')}
              data={enumOptions(LANGUAGES, (l) => t(`language.${l}`))}
              allowDeselect={false}
              {...form.getInputProps('language')}
            />
            <Select
              label={t('staff.scopeKind')}
              data={enumOptions(SCOPE_KINDS, (k) => t(`scopeKind.${k}`))}
              allowDeselect={false}
              required
              data-testid="staff-scope-kind"
              {...form.getInputProps('scopeKind')}
              onChange={(value) => form.setValues({ scopeKind: (value ?? 'library') as TScopeKind, scopeId: null })}
            />
            {scopeKind !== 'installation' && (
              <Select
                label={t('staff.scope')}
                data={scopeOptions[scopeKind]}
                searchable
                required
                data-testid="staff-scope"
                {...form.getInputProps('scopeId')}
              />
            )}
            <Select
              label={t('staff.workplace')}
              data={libraryOptions}
              searchable
              clearable
              data-testid="staff-workplace"
              {...form.getInputProps('libraryId')}
            />
            {!account && (
              <PasswordInput
                label={t('staff.password')}
                autoComplete="new-password"
                required
                data-testid="staff-password"
                {...form.getInputProps('password')}
              />
            )}
          </SimpleGrid>
          <Switch label={t('staff.isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="staff-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {account && <ResetPasswordForm staffId={account.id} />}
    </Stack>
  );
}

export function StaffFormModal({ opened, ...props }: StaffFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.account ? t('staff.editTitle') : t('staff.createTitle')}
      size="xl"
    >
      {opened && <StaffFormBody {...props} />}
    </Modal>
  );
}
