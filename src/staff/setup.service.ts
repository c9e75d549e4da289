/** First start without the demo: the first admin account and the first network, created together. */
import { writeAudit, SYSTEM_ACTOR } from '../audit';
import type { Db } from '../app/db';
import { libraries, networks, regions } from '../network';
import type { TSetupRequest } from './setup.schemas';
import { hashPassword } from './staff.service';
import { staffUsers } from './staff.tables';

export async function runFirstSetup(db: Db, input: TSetupRequest) {
  const passwordHash = await hashPassword(input.admin.password);
  return db.transaction(async (tx) => {
    const [region] = await tx.insert(regions).values({ name: input.regionName }).returning();
    const [network] = await tx
      .insert(networks)
      .values({ regionId: region!.id, name: input.networkName, shortName: input.networkShortName, country: input.country })
      .returning();
    const [central] = await tx
      .insert(libraries)
      .values({ networkId: network!.id, kind: 'central', name: input.centralLibraryName, settlement: input.settlement, code: 'CENTRAL' })
      .returning();
    const [admin] = await tx
      .insert(staffUsers)
      .values({
        login: input.admin.login.toLowerCase(),
        fullName: input.admin.fullName,
        passwordHash,
        role: 'network_admin',
        scopeKind: 'installation',
        scopeId: null,
        libraryId: central!.id,
        language: input.language,
      })
      .returning();
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'installation.setup',
      objectType: 'network',
      objectId: network!.id,
      networkId: network!.id,
      summary: `${input.networkName}; ${input.admin.login}`,
    });
    return { networkId: network!.id, adminId: admin!.id };
  });
}
