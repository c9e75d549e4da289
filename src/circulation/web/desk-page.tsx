/**
 * The loan desk. One scan field keeps the focus: with no reader, what is scanned is a card; with a
 * reader, a copy to lend (a card number that is not a copy switches reader); in return mode, a copy
 * coming back; in renew mode, a copy to renew. Alt+1/2/3 switch mode, Esc ends the reader, Ctrl+Z
 * undoes the last action within a minute. Refusals beep and show in red.
 */
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp, IconBarcode } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../web/api/client';
import { paths } from '../../web/paths';
import { canServeReaders } from '../../web/permissions';
import { useSession } from '../../web/session';
import { formatDate } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { errorText } from '../../web/ui/notify';
import { UNDO_SECONDS } from '../circulation.schemas';
import { deskApi, type ReaderPanel } from './api';
import { AgeOverrideModal } from './age-override-modal';
import { beepError } from './cue';
import { DeskLibraryPicker, useDeskLibrary } from '../../web/desk-library';
import { ReaderPanelView } from './reader-panel';

type Mode = 'lend' | 'return' | 'renew';

interface Outcome {
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** A card number no reader has: offered for registering a new reader with it. */
  unknownCard?: string;
}

interface Undoable {
  actionId: number;
  at: number;
  label: string;
}

export function DeskPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canRegister = canServeReaders(user.role);
  const { libraryId, setLibraryId, canChoose } = useDeskLibrary();
  const [mode, setMode] = useState<Mode>('lend');
  const [scan, setScan] = useState('');
  const [panel, setPanel] = useState<ReaderPanel | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const [ageRefusal, setAgeRefusal] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const focusScan = useCallback(() => setTimeout(() => input.current?.focus(), 0), []);
  const secondsLeft = undoable ? Math.max(0, UNDO_SECONDS - Math.floor((now - undoable.at) / 1000)) : 0;

  useEffect(() => {
    if (!undoable) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [undoable]);

  const fail = useCallback((error: unknown) => {
    beepError();
    setOutcome({ kind: 'error', text: errorText(error) });
  }, []);

  const refresh = useCallback(
    async (readerId: string | undefined = panel?.reader.id) => {
      if (!libraryId || !readerId) return;
      setPanel(await deskApi.panelById(libraryId, readerId));
    },
    [libraryId, panel],
  );

  const loadCard = useCallback(
    async (card: string) => {
      if (!libraryId) return;
      const loaded = await deskApi.panelByCard(libraryId, card);
      setPanel(loaded);
      setOutcome({ kind: 'info', text: t('desk.readerLoaded', { name: loaded.reader.fullName }) });
    },
    [libraryId, t],
  );

  const lend = useCallback(
    async (barcode: string, reason?: string) => {
      if (!libraryId || !panel) return;
      try {
        const out = await deskApi.checkout(libraryId, panel.reader.id, barcode, reason);
        setOutcome({ kind: 'ok', text: t('desk.lent', { title: out.title, due: formatDate(out.dueOn) }) });
        setUndoable({ actionId: out.actionId, at: Date.now(), label: t('desk.undoLend', { title: out.title }) });
        setNow(Date.now());
        await refresh();
      } catch (error) {
        if (error instanceof ApiError && error.problem.code === 'age_label') {
          beepError();
          setAgeRefusal(barcode);
          setOutcome({ kind: 'error', text: errorText(error) });
          return;
        }
        // A card scanned while a reader is open: switch to that reader.
        if (error instanceof ApiError && error.problem.code === 'unknown_barcode') {
          try {
            await loadCard(barcode);
            return;
          } catch {
            // Neither a copy nor a card: report the copy.
          }
        }
        throw error;
      }
    },
    [libraryId, panel, refresh, loadCard, t],
  );

  const submit = useCallback(async () => {
    const value = scan.trim();
    if (!value || !libraryId || busy) return;
    setScan('');
    setBusy(true);
    try {
      if (mode === 'lend') {
        if (panel) await lend(value);
        else await loadCard(value);
      } else if (mode === 'return') {
        const out = await deskApi.checkin(libraryId, value);
        const next =
          out.next.kind === 'transit'
            ? t('desk.sendTo', { library: out.next.toLibraryName })
            : out.next.kind === 'hold_shelf'
              ? t('desk.toHoldShelf')
              : t('desk.toShelf');
        setOutcome({ kind: out.next.kind === 'shelf' ? 'ok' : 'info', text: `${t('desk.returned', { title: out.title })} ${next}` });
        if (out.actionId) setUndoable({ actionId: out.actionId, at: Date.now(), label: t('desk.undoReturn', { title: out.title }) });
        setNow(Date.now());
        if (panel) await refresh();
      } else {
        const out = await deskApi.renew(libraryId, { barcode: value });
        setOutcome({ kind: 'ok', text: t('desk.renewed', { title: out.title, due: formatDate(out.dueOn) }) });
        if (out.actionId) setUndoable({ actionId: out.actionId, at: Date.now(), label: t('desk.undoRenew', { title: out.title }) });
        setNow(Date.now());
        if (panel) await refresh();
      }
    } catch (error) {
      fail(error);
      if (mode === 'lend' && !panel && error instanceof ApiError && error.problem.code === 'unknown_card') {
        setOutcome({ kind: 'error', text: errorText(error), unknownCard: value });
      }
    } finally {
      setBusy(false);
      focusScan();
    }
  }, [scan, libraryId, busy, mode, panel, lend, loadCard, refresh, fail, focusScan, t]);

  const undo = useCallback(async () => {
    if (!undoable || secondsLeft <= 0) return;
    try {
      await deskApi.undo(undoable.actionId);
      setOutcome({ kind: 'info', text: t('desk.undone') });
      setUndoable(null);
      if (panel) await refresh();
    } catch (error) {
      fail(error);
    } finally {
      focusScan();
    }
  }, [undoable, secondsLeft, panel, refresh, fail, focusScan, t]);

  const renewLoan = useCallback(
    async (loanId: string) => {
      if (!libraryId) return;
      try {
        const out = await deskApi.renew(libraryId, { loanId });
        setOutcome({ kind: 'ok', text: t('desk.renewed', { title: out.title, due: formatDate(out.dueOn) }) });
        if (out.actionId) setUndoable({ actionId: out.actionId, at: Date.now(), label: t('desk.undoRenew', { title: out.title }) });
        setNow(Date.now());
        await refresh();
      } catch (error) {
        fail(error);
      } finally {
        focusScan();
      }
    },
    [libraryId, refresh, fail, focusScan, t],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && ['1', '2', '3'].includes(e.key)) {
        e.preventDefault();
        setMode((['lend', 'return', 'renew'] as const)[Number(e.key) - 1]!);
        focusScan();
      } else if (e.key === 'Escape' && !ageRefusal) {
        setPanel(null);
        setOutcome(null);
        focusScan();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'z' && !ageRefusal) {
        e.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, focusScan, ageRefusal]);

  const placeholder = mode === 'lend' ? (panel ? t('desk.scanCopy') : t('desk.scanCard')) : mode === 'return' ? t('desk.scanReturn') : t('desk.scanRenew');

  return (
    <>
      <PageHeader title={t('desk.title')}>{canChoose && <DeskLibraryPicker value={libraryId} onChange={setLibraryId} />}</PageHeader>
      {!libraryId ? (
        <Alert color="yellow">{t('desk.chooseLibrary')}</Alert>
      ) : (
        <Stack gap="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <SegmentedControl
              value={mode}
              onChange={(v) => {
                setMode(v);
                focusScan();
              }}
              data={[
                { value: 'lend', label: `${t('desk.modeLend')} (Alt+1)` },
                { value: 'return', label: `${t('desk.modeReturn')} (Alt+2)` },
                { value: 'renew', label: `${t('desk.modeRenew')} (Alt+3)` },
              ]}
              data-testid="desk-mode"
            />
            <TextInput
              ref={input}
              autoFocus
              value={scan}
              onChange={(e) => setScan(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void submit();
                }
              }}
              placeholder={placeholder}
              aria-label={placeholder}
              leftSection={<IconBarcode size={18} />}
              error={outcome?.kind === 'error'}
              size="md"
              w={360}
              autoComplete="off"
              data-testid="desk-scan"
            />
            {undoable && secondsLeft > 0 && (
              <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} />} onClick={() => void undo()} data-testid="desk-undo">
                {t('desk.undo', { seconds: secondsLeft })}
              </Button>
            )}
          </Group>
          {outcome && (
            <Alert
              color={outcome.kind === 'error' ? 'red' : outcome.kind === 'ok' ? 'teal' : 'blue'}
              role={outcome.kind === 'error' ? 'alert' : 'status'}
              data-testid="desk-outcome"
              data-kind={outcome.kind}
            >
              <Group justify="space-between" gap="sm">
                <span>{outcome.text}</span>
                {outcome.unknownCard && canRegister && (
                  <Button size="xs" component={Link} to={`${paths.readerNew}?card=${encodeURIComponent(outcome.unknownCard)}`} data-testid="desk-register">
                    {t('desk.registerCard')}
                  </Button>
                )}
              </Group>
            </Alert>
          )}
          {panel ? (
            <ReaderPanelView panel={panel} onRenew={(loanId) => void renewLoan(loanId)} />
          ) : (
            <Paper withBorder p="md">
              <Text c="dimmed">{t('desk.noReader')}</Text>
              <Group gap="xs" mt="xs">
                <Badge variant="light">Alt+1/2/3</Badge>
                <Badge variant="light">Esc</Badge>
                <Badge variant="light">Ctrl+Z</Badge>
              </Group>
            </Paper>
          )}
        </Stack>
      )}
      <AgeOverrideModal
        barcode={ageRefusal}
        onCancel={() => {
          setAgeRefusal(null);
          focusScan();
        }}
        onConfirm={async (reason) => {
          const barcode = ageRefusal;
          setAgeRefusal(null);
          if (barcode) {
            try {
              await lend(barcode, reason);
            } catch (error) {
              fail(error);
            }
          }
          focusScan();
        }}
      />
    </>
  );
}
