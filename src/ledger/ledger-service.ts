import type { Db } from '../db/create-db.js';
import type { CustomerRow, InvoiceRow, PaymentRow, ProductRow } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { err, ok, type Result } from '../lib/result.js';
import { badInput, checkCurrency, checkName } from '../lib/validate.js';
import * as repo from './ledger-repository.js';

type LedgerResult<T> = Result<T, 'BAD_USER_INPUT' | 'NOT_FOUND'>;

export interface AgedBucket {
  label: string;
  amountCents: number;
  invoiceCount: number;
}

const DAY_MS = 86_400_000;
const BUCKETS = [
  { label: 'current', maxDays: 0 },
  { label: '1-30', maxDays: 30 },
  { label: '31-60', maxDays: 60 },
  { label: '61-90', maxDays: 90 },
  { label: '90+', maxDays: Number.POSITIVE_INFINITY },
] as const;

/** The example protected domain: a small accounting ledger, one per project. */
export class LedgerService {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor({ db, clock }: { db: Db; clock: Clock }) {
    this.#db = db;
    this.#clock = clock;
  }

  async createProduct(
    projectId: string,
    input: { name: string; priceCents: number; currency: string },
  ): Promise<LedgerResult<ProductRow>> {
    const bad =
      checkName('name', input.name) ??
      checkCurrency(input.currency) ??
      (input.priceCents < 0 ? badInput('priceCents must not be negative') : null);
    if (bad) return bad;
    const row: ProductRow = {
      id: newId('prd', this.#clock.now()),
      project_id: projectId,
      name: input.name,
      price_cents: input.priceCents,
      currency: input.currency,
      created_at: this.#clock.now().toISOString(),
    };
    await this.#db.insertInto('products').values(row).execute();
    return ok(row);
  }

  async createCustomer(
    projectId: string,
    input: { name: string; email?: string | null; country?: string | null },
  ): Promise<LedgerResult<CustomerRow>> {
    const bad =
      checkName('name', input.name) ??
      (input.email != null && !/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(input.email)
        ? badInput('email must look like name@example.com')
        : null) ??
      (input.country != null && !/^[A-Z]{2}$/.test(input.country)
        ? badInput('country must be a two-letter ISO 3166-1 code, e.g. "DE"')
        : null);
    if (bad) return bad;
    const row: CustomerRow = {
      id: newId('cus', this.#clock.now()),
      project_id: projectId,
      name: input.name,
      email: input.email ?? null,
      country: input.country ?? null,
      created_at: this.#clock.now().toISOString(),
    };
    await this.#db.insertInto('customers').values(row).execute();
    return ok(row);
  }

  /** Issues an OPEN invoice numbered INV-000001, INV-000002, … within the project. */
  async createInvoice(
    projectId: string,
    input: { customerId: string; amountCents: number; currency: string; dueAt?: Date | null },
  ): Promise<LedgerResult<InvoiceRow>> {
    const bad =
      checkCurrency(input.currency) ??
      (input.amountCents <= 0 ? badInput('amountCents must be positive') : null);
    if (bad) return bad;
    const now = this.#clock.now();
    if (input.dueAt != null && input.dueAt < now) return badInput('dueAt must not be in the past');
    return this.#db.transaction().execute(async (trx) => {
      const [customer] = await repo.findCustomers(trx, projectId, [input.customerId]);
      if (customer === undefined)
        return err('NOT_FOUND', `no customer with id "${input.customerId}"`);
      const count = await repo.countInvoices(trx, projectId);
      const row: InvoiceRow = {
        id: newId('inv', now),
        project_id: projectId,
        customer_id: customer.id,
        number: `INV-${String(count + 1).padStart(6, '0')}`,
        amount_cents: input.amountCents,
        currency: input.currency,
        status: 'OPEN',
        issued_at: now.toISOString(),
        due_at: input.dueAt?.toISOString() ?? null,
        created_at: now.toISOString(),
      };
      await trx.insertInto('invoices').values(row).execute();
      return ok(row);
    });
  }

  /** Records a payment on an OPEN invoice; paying the full amount marks it PAID. No overpayment. */
  async recordPayment(
    projectId: string,
    input: { invoiceId: string; amountCents: number; method?: string | null },
  ): Promise<LedgerResult<PaymentRow>> {
    if (input.amountCents <= 0) return badInput('amountCents must be positive');
    if (input.method != null && input.method.length > 50)
      return badInput('method must be at most 50 characters');
    return this.#db.transaction().execute(async (trx) => {
      const [invoice] = await repo.findInvoices(trx, projectId, [input.invoiceId]);
      if (invoice === undefined) return err('NOT_FOUND', `no invoice with id "${input.invoiceId}"`);
      if (invoice.status !== 'OPEN') {
        return badInput(`invoice ${invoice.number} is ${invoice.status} and takes no payments`);
      }
      const outstanding = invoice.amount_cents - (await repo.paidCents(trx, invoice.id));
      if (input.amountCents > outstanding) {
        return badInput(
          `amountCents ${input.amountCents} exceeds the ${outstanding} outstanding on ${invoice.number}`,
        );
      }
      const now = this.#clock.now();
      const row: PaymentRow = {
        id: newId('pay', now),
        project_id: projectId,
        invoice_id: invoice.id,
        amount_cents: input.amountCents,
        method: input.method ?? null,
        received_at: now.toISOString(),
      };
      await trx.insertInto('payments').values(row).execute();
      if (input.amountCents === outstanding) {
        await trx
          .updateTable('invoices')
          .set({ status: 'PAID' })
          .where('id', '=', invoice.id)
          .execute();
      }
      return ok(row);
    });
  }

  /** Outstanding amounts of OPEN invoices by days past due (due date, else issue date). */
  async agedReceivables(projectId: string): Promise<{ asOf: Date; buckets: AgedBucket[] }> {
    const asOf = this.#clock.now();
    const buckets: AgedBucket[] = BUCKETS.map((b) => ({
      label: b.label,
      amountCents: 0,
      invoiceCount: 0,
    }));
    for (const inv of await repo.openInvoicesWithPaid(this.#db, projectId)) {
      const due = new Date(inv.due_at ?? inv.issued_at).getTime();
      const daysPastDue = Math.ceil((asOf.getTime() - due) / DAY_MS);
      const index = BUCKETS.findIndex((b) => daysPastDue <= b.maxDays);
      const bucket = buckets[index] as AgedBucket;
      bucket.amountCents += inv.amount_cents - Number(inv.paid);
      bucket.invoiceCount += 1;
    }
    return { asOf, buckets };
  }
}
