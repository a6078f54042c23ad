import type { Kysely } from 'kysely';
import type { CustomerRow, Database, InvoiceRow, PaymentRow, ProductRow } from '../db/database.js';

type Conn = Kysely<Database>;

/** Every query here is scoped by project id: a row of another project does not exist. */
export interface Page {
  afterId?: string;
  limit: number;
}

export function listProducts(db: Conn, projectId: string, page: Page): Promise<ProductRow[]> {
  let q = db.selectFrom('products').selectAll().where('project_id', '=', projectId);
  if (page.afterId !== undefined) q = q.where('id', '<', page.afterId);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

export function listCustomers(db: Conn, projectId: string, page: Page): Promise<CustomerRow[]> {
  let q = db.selectFrom('customers').selectAll().where('project_id', '=', projectId);
  if (page.afterId !== undefined) q = q.where('id', '<', page.afterId);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

export function findCustomers(
  db: Conn,
  projectId: string,
  ids: readonly string[],
): Promise<CustomerRow[]> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .execute();
}

export interface InvoiceQuery extends Page {
  status?: string;
  customerId?: string;
}

export function listInvoices(db: Conn, projectId: string, q: InvoiceQuery): Promise<InvoiceRow[]> {
  let query = db.selectFrom('invoices').selectAll().where('project_id', '=', projectId);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  if (q.customerId !== undefined) query = query.where('customer_id', '=', q.customerId);
  if (q.afterId !== undefined) query = query.where('id', '<', q.afterId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export function findInvoices(
  db: Conn,
  projectId: string,
  ids: readonly string[],
): Promise<InvoiceRow[]> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .execute();
}

export function listPayments(
  db: Conn,
  projectId: string,
  invoiceId: string,
  page: Page,
): Promise<PaymentRow[]> {
  let q = db
    .selectFrom('payments')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('invoice_id', '=', invoiceId);
  if (page.afterId !== undefined) q = q.where('id', '<', page.afterId);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

export async function paidCents(db: Conn, invoiceId: string): Promise<number> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

export async function countInvoices(db: Conn, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open invoices with what has been paid on each, for the aging report. */
export function openInvoicesWithPaid(db: Conn, projectId: string) {
  return db
    .selectFrom('invoices')
    .leftJoin('payments', 'payments.invoice_id', 'invoices.id')
    .select((eb) => [
      'invoices.id',
      'invoices.amount_cents',
      'invoices.issued_at',
      'invoices.due_at',
      eb.fn.coalesce(eb.fn.sum<number>('payments.amount_cents'), eb.lit(0)).as('paid'),
    ])
    .where('invoices.project_id', '=', projectId)
    .where('invoices.status', '=', 'OPEN')
    .groupBy(['invoices.id', 'invoices.amount_cents', 'invoices.issued_at', 'invoices.due_at'])
    .execute();
}
