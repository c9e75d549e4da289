/**
 * The demo logins: one per role, each scoped the way such a person would be in life, so a visitor can
 * see the system as a director, a branch librarian or an айыл окмоту specialist sees it.
 */
import type { TRole } from '../staff/staff.schemas';
import type { DemoNetworkKey } from './demo.types';

export const DEMO_PASSWORD = 'demo12345';

export type DemoScope =
  | { kind: 'installation' }
  | { kind: 'region' }
  | { kind: 'network'; network: DemoNetworkKey }
  | { kind: 'library'; code: string }
  | { kind: 'municipality'; network: DemoNetworkKey; key: string };

export interface DemoAccount {
  login: string;
  role: TRole;
  description: string;
  fullName: string;
  position: string;
  scope: DemoScope;
  /** Where the person works; null for people outside the libraries (region, айыл окмоту). */
  libraryCode: string | null;
}

const KEMIN: DemoScope = { kind: 'network', network: 'KEM' };

export const DEMO_STAFF: readonly DemoAccount[] = [
  {
    login: 'admin',
    role: 'network_admin',
    description: 'администратор системы (вся установка)',
    fullName: 'Асанов Нурлан Бакытович',
    position: 'Системный администратор',
    scope: { kind: 'installation' },
    libraryCode: 'KEM-CB',
  },
  {
    login: 'region',
    role: 'methodologist',
    description: 'методист Чуйской областной библиотеки',
    fullName: 'Романова Елена Викторовна',
    position: 'Методист Чуйской областной библиотеки',
    scope: { kind: 'region' },
    libraryCode: null,
  },
  {
    login: 'director',
    role: 'director',
    description: 'директор Кеминской ЦБС',
    fullName: 'Жумабаева Гульнара Асановна',
    position: 'Директор Кеминской ЦБС',
    scope: KEMIN,
    libraryCode: 'KEM-CB',
  },
  {
    login: 'methodist',
    role: 'methodologist',
    description: 'методист Кеминской ЦБС',
    fullName: 'Абдыкадырова Айгуль Токтогуловна',
    position: 'Методист',
    scope: KEMIN,
    libraryCode: 'KEM-CB',
  },
  {
    login: 'cataloguer',
    role: 'cataloguer',
    description: 'каталогизатор Кеминской ЦБС',
    fullName: 'Сыдыкова Нургуль Маратовна',
    position: 'Заведующая отделом обработки',
    scope: KEMIN,
    libraryCode: 'KEM-CB',
  },
  {
    login: 'acquisitions',
    role: 'acquisitions',
    description: 'комплектатор Кеминской ЦБС',
    fullName: 'Осмонова Бактыгуль Жээнбековна',
    position: 'Заведующая отделом комплектования',
    scope: KEMIN,
    libraryCode: 'KEM-CB',
  },
  {
    login: 'librarian',
    role: 'librarian',
    description: 'библиотекарь филиала № 21, с. Подгорное',
    fullName: 'Исмаилова Чолпон Бектемировна',
    position: 'Библиотекарь филиала № 21',
    scope: { kind: 'library', code: 'KEM-F21' },
    libraryCode: 'KEM-F21',
  },
  {
    login: 'official',
    role: 'municipal_official',
    description: 'специалист Шабданского айыл окмоту',
    fullName: 'Бекова Жылдыз Канатовна',
    position: 'Ведущий специалист по социальным вопросам Шабданского айыл окмоту',
    scope: { kind: 'municipality', network: 'KEM', key: 'shabdan' },
    libraryCode: null,
  },
  {
    login: 'reader',
    role: 'reader',
    description: 'читатель Кеминской центральной библиотеки',
    fullName: 'Токтосунов Азамат Эркинович',
    position: '',
    scope: { kind: 'library', code: 'KEM-CB' },
    libraryCode: 'KEM-CB',
  },
];

export const DEMO_ACCOUNTS: { login: string; role: TRole; description: string }[] = DEMO_STAFF.map(
  ({ login, role, description }) => ({ login, role, description }),
);
