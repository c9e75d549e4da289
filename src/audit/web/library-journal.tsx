/** The audit log of one library, for the library page's Журнал tab. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE } from '../../web/api/types';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { Pager } from '../../web/ui/table-parts';
import { useAudit } from './api';
import { AuditTable } from './audit-table';

export function LibraryJournal({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const audit = useAudit({ libraryId, page, pageSize: PAGE_SIZE });
  return (
    <QueryState query={audit}>
      {(data) => (
        <>
          {data.items.length === 0 ? <EmptyState>{t('audit.empty')}</EmptyState> : <AuditTable entries={data.items} />}
          <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
        </>
      )}
    </QueryState>
  );
}
