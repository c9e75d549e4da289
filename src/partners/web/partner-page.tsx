/** A partner: contacts for everyone in the network; agreements and contributions for those who handle money. */
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDate } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { ClickableRow } from '../../web/ui/table-parts';
import { useAgreements, useContributions, usePartner, type Agreement, type PartnerDetail } from './api';
import { AgreementFormModal } from './agreement-form';
import { ContributionFormModal } from './contribution-form';
import { ContributionsTable } from './contributions-table';
import { PartnerFormModal } from './partner-form';

function Agreements({ partner }: { partner: PartnerDetail }) {
  const { t } = useTranslation();
  const agreements = useAgreements(partner.id, partner.canSeeFinance);
  const [editing, setEditing] = useState<Agreement | 'new' | null>(null);
  return (
    <section>
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('partners.agreements')}</Title>
        {partner.canManage && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('partners.addAgreement')}
          </Button>
        )}
      </Group>
      <QueryState query={agreements}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState>{t('partners.noAgreements')}</EmptyState>
          ) : (
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Tbody>
                {rows.map((a) => (
                  <ClickableRow key={a.id} role="button" label={a.title} onOpen={() => partner.canManage && setEditing(a)}>
                    <Table.Td>
                      {a.number && `№ ${a.number} `}
                      {a.title}
                      {a.libraryName && <Text size="xs" c="dimmed">{a.libraryName}</Text>}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(a.signedOn)} – {formatDate(a.validUntil)}
                    </Table.Td>
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      {a.fileSha256 && (
                        <Anchor href={`/api/v1/agreements/${a.id}/file`} download>
                          {a.fileName || t('partners.download')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </ClickableRow>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <AgreementFormModal
        opened={editing !== null}
        partnerId={partner.id}
        agreement={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </section>
  );
}

function PartnerContributions({ partner }: { partner: PartnerDetail }) {
  const { t } = useTranslation();
  const [isAdding, adding] = useDisclosure(false);
  const contributions = useContributions({ partnerId: partner.id, pageSize: 100 });
  return (
    <section>
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('partners.contributionsOfPartner')}</Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={adding.open}>
          {t('contributions.add')}
        </Button>
      </Group>
      <QueryState query={contributions}>
        {(data) => (data.items.length === 0 ? <EmptyState>{t('contributions.empty')}</EmptyState> : <ContributionsTable rows={data.items} showPartner={false} />)}
      </QueryState>
      <ContributionFormModal opened={isAdding} defaults={{ partnerId: partner.id }} onClose={adding.close} />
    </section>
  );
}

export function PartnerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const partner = usePartner(id);
  const [isEditing, editing] = useDisclosure(false);
  return (
    <QueryState query={partner}>
      {(p) => (
        <Stack gap="lg">
          <PageHeader title={p.name}>
            {p.canManage && (
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={editing.open}>
                {t('partners.editTitle')}
              </Button>
            )}
          </PageHeader>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Text size="sm" c="dimmed">{t(`partnerKind.${p.kind}`)}</Text>
              {p.address && <Text>{p.address}</Text>}
              {p.phone && <Text>{p.phone}</Text>}
              {p.email && <Text>{p.email}</Text>}
              {p.website && <Text>{p.website}</Text>}
              {p.note && <Text mt="sm" size="sm">{p.note}</Text>}
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">{t('partners.contacts')}</Text>
              {p.contacts.map((c, i) => (
                <Text key={i} size="sm">
                  {c.name}
                  {c.position && ` – ${c.position}`}
                  {c.phone && `, ${c.phone}`}
                  {c.email && `, ${c.email}`}
                </Text>
              ))}
            </Card>
          </SimpleGrid>
          {p.canSeeFinance ? (
            <>
              <Agreements partner={p} />
              <PartnerContributions partner={p} />
            </>
          ) : (
            <Alert color="gray">{t('partners.financeHidden')}</Alert>
          )}
          <PartnerFormModal opened={isEditing} partner={p} onClose={editing.close} />
        </Stack>
      )}
    </QueryState>
  );
}
