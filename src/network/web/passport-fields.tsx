/** The passport form's sections other than opening hours. */
import { Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { decimalSeparator, enumOptions } from '../../web/ui/fields';
import { passportTestId, type PassportFormValues } from './passport-form-values';
import { PassportHoursFields } from './passport-hours-fields';

type Form = UseFormReturnType<PassportFormValues>;

const TENURES = ['own', 'rented', 'other'] as const;
const CONDITIONS = ['good', 'needs_repair', 'emergency'] as const;
const AUTOMATION = ['catalogue', 'loans', 'visitorCount', 'accounting'] as const;
const ACCESSIBILITY = ['vision', 'hearing', 'mobility'] as const;

/** Input props of a field plus its stable test id. */
function bind(form: Form, path: string, type?: 'checkbox') {
  return { ...form.getInputProps(path, type ? { type } : undefined), 'data-testid': passportTestId(path) };
}

function Count({
  form,
  path,
  label,
  decimals = false,
}: {
  form: Form;
  path: string;
  label: string;
  decimals?: boolean;
}) {
  return (
    <NumberInput
      label={label}
      min={0}
      allowNegative={false}
      allowDecimal={decimals}
      decimalSeparator={decimalSeparator()}
      {...bind(form, path)}
    />
  );
}

function Contacts({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('passport.contacts')}>
      <Stack gap="sm">
        <TextInput label={t('passport.address')} {...bind(form, 'address')} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <NumberInput
            label={t('passport.lat')}
            min={-90}
            max={90}
            decimalScale={6}
            decimalSeparator={decimalSeparator()}
            {...bind(form, 'lat')}
          />
          <NumberInput
            label={t('passport.lon')}
            min={-180}
            max={180}
            decimalScale={6}
            decimalSeparator={decimalSeparator()}
            {...bind(form, 'lon')}
          />
          <TextInput label={t('passport.phone')} type="tel" {...bind(form, 'phone')} />
          <TextInput label={t('passport.email')} type="email" {...bind(form, 'email')} />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

function Building({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('passport.building')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Count form={form} path="building.totalArea" label={t('passport.totalArea')} decimals />
          <Count form={form} path="building.storageArea" label={t('passport.storageArea')} decimals />
          <Count form={form} path="building.serviceArea" label={t('passport.serviceArea')} decimals />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('passport.tenure')}
            data={enumOptions(TENURES, (v) => t(`tenure.${v}`))}
            allowDeselect={false}
            {...bind(form, 'building.tenure')}
          />
          <Select
            label={t('passport.condition')}
            data={enumOptions(CONDITIONS, (v) => t(`condition.${v}`))}
            allowDeselect={false}
            {...bind(form, 'building.condition')}
          />
          <Checkbox
            mt={{ sm: 30 }}
            label={t('passport.isHeritage')}
            {...bind(form, 'building.isHeritage', 'checkbox')}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

function Equipment({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('passport.equipment')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Count form={form} path="seats" label={t('passport.seats')} />
          <Count form={form} path="computers.forUsers" label={t('passport.computersForUsers')} />
          <Count form={form} path="computers.withInternet" label={t('passport.computersWithInternet')} />
          <Count form={form} path="vehicles" label={t('passport.vehicles')} />
          <Count form={form} path="staffHeadcount" label={t('passport.staffHeadcount')} decimals />
        </SimpleGrid>
        <Group align="flex-end" gap="lg">
          <Switch label={t('passport.internetHas')} mb={8} {...bind(form, 'internet.has', 'checkbox')} />
          <NumberInput
            label={t('passport.speed')}
            min={0}
            allowNegative={false}
            decimalSeparator={decimalSeparator()}
            disabled={!form.values.internet.has}
            w={200}
            {...bind(form, 'internet.speedMbps')}
          />
        </Group>
      </Stack>
    </Fieldset>
  );
}

function Flags({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Fieldset legend={t('passport.automation')}>
        <Stack gap="xs">
          {AUTOMATION.map((key) => (
            <Checkbox key={key} label={t(`passport.${key}`)} {...bind(form, `automation.${key}`, 'checkbox')} />
          ))}
        </Stack>
      </Fieldset>
      <Fieldset legend={t('passport.accessibility')}>
        <Stack gap="xs">
          {ACCESSIBILITY.map((key) => (
            <Checkbox key={key} label={t(`passport.${key}`)} {...bind(form, `accessibility.${key}`, 'checkbox')} />
          ))}
        </Stack>
      </Fieldset>
    </SimpleGrid>
  );
}

export function PassportFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Contacts form={form} />
      <Fieldset legend={t('passport.hours')}>
        <Stack gap="sm">
          <PassportHoursFields form={form} />
        </Stack>
      </Fieldset>
      <Building form={form} />
      <Equipment form={form} />
      <Flags form={form} />
    </Stack>
  );
}
