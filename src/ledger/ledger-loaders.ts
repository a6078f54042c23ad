import DataLoader from 'dataloader';
import type { Db } from '../db/create-db.js';
import type { CustomerRow, InvoiceRow } from '../db/database.js';
import * as ledger from './ledger-repository.js';

export interface LedgerLoaders {
  customer: DataLoader<string, CustomerRow | null>;
  invoice: DataLoader<string, InvoiceRow | null>;
}

/** Per-request batch loaders, scoped to one project: another project's id loads null. */
export function createLedgerLoaders(db: Db, projectId: string | null): LedgerLoaders {
  const byId = <T extends { id: string }>(rows: T[], ids: readonly string[]) => {
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  };
  return {
    customer: new DataLoader(async (ids) =>
      projectId === null
        ? ids.map(() => null)
        : byId(await ledger.findCustomers(db, projectId, ids), ids),
    ),
    invoice: new DataLoader(async (ids) =>
      projectId === null
        ? ids.map(() => null)
        : byId(await ledger.findInvoices(db, projectId, ids), ids),
    ),
  };
}
