/** /staff/municipalities/:id — a municipality, its head and the libraries serving it. */
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { paths } from '../../web/paths';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatNumber } from '../../web/ui/format';
import { useMunicipality, type MunicipalityDetail } from './api';
import { MunicipalityFormModal } from './municipality-form';

function Details({ m }: { m: MunicipalityDetail }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('municipalities.headName'), m.headName],
    [t('municipalities.headTitle'), m.headTitle],
    [t('municipalities.address'), m.address],
    [t('municipalities.phone'), m.phone],
    [t('municipalities.email'), m.email ? <Anchor href={`mailto:${m.email}`}>{m.email}</Anchor> : ''],
    [t('municipalities.population'), m.population === null ? '' : formatNumber(m.population)],
    [t('municipalities.populationYear'), m.populationYear ?? ''],
  ];
  return (
    <Card withBorder>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400} c="dimmed" w="45%">
                {label}
              </Table.Th>
              <Table.Td>{value === '' ? '—' : value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ServingLibraries({ m }: { m: MunicipalityDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('municipalities.servingLibraries')}
      </Title>
      {m.libraries.length === 0 ? (
        <EmptyState>{t('municipalities.noLibraries')}</EmptyState>
      ) : (
        <Stack gap="xs">
          {m.libraries.map((lib) => (
            <div key={lib.id}>
              <Anchor component={Link} to={paths.library(lib.id)}>
                {lib.number !== null ? `№ ${lib.number}, ` : ''}
                {lib.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[t(`libraryKind.${lib.kind}`), lib.settlement].filter(Boolean).join(' · ')}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function MunicipalityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const municipality = useMunicipality(id);
  const [isEditing, editing] = useDisclosure(false);
  return (
    <QueryState query={municipality}>
      {(m) => (
        <Stack>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Anchor component={Link} to={paths.municipalities} size="sm">
                {t('nav.municipalities')}
              </Anchor>
              <Title order={2} data-testid="municipality-title">
                {m.name}
              </Title>
              <Group>
                <Badge variant="light">{t(`municipalityKind.${m.kind}`)}</Badge>
              </Group>
            </Stack>
            {m.canEdit && (
              <Button
                variant="default"
                leftSection={<IconEdit size={16} />}
                onClick={editing.open}
                data-testid="municipality-edit"
              >
                {t('municipalities.edit')}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Details m={m} />
            <ServingLibraries m={m} />
          </SimpleGrid>
          <MunicipalityFormModal opened={isEditing} municipality={m} onClose={editing.close} />
        </Stack>
      )}
    </QueryState>
  );
}
