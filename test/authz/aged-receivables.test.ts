import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../gql/index.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { ledgerWriter, seedCustomer, seedInvoice, seedPayment } from './ledger-seed.js';

const Aged = graphql(`
  query AuthzAgedBuckets {
    agedReceivables {
      asOf
      buckets {
        label
        amountCents
        invoiceCount
      }
    }
  }
`);

const DAY = 86_400_000;
const HOUR = 3_600_000;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const at = (start: string, ms: number) => new Date(new Date(start).getTime() + ms).toISOString();

/** A PRO project with a writer key and a reports:read key. */
async function proProject() {
  const projectId = await createProject(t, { plan: 'PRO' });
  const writer = await ledgerWriter(t, projectId);
  const { secret: reader } = await createKey(t, { projectId, scopes: ['reports:read'] });
  const customerId = await seedCustomer(t, writer, { name: 'Debtor' });
  return { projectId, writer, reader, customerId };
}

describe('aged receivables', () => {
  test('open invoices fall into buckets by days past due, partial payments reduce what is outstanding', async () => {
    const T0 = '2027-01-01T00:00:00.000Z';
    t.clock.set(T0);
    const { writer, reader, customerId } = await proProject();
    const invoice = (amountCents: number, dueInDays?: number) =>
      seedInvoice(t, writer, {
        customerId,
        amountCents,
        ...(dueInDays === undefined ? {} : { dueAt: at(T0, dueInDays * DAY) }),
      });

    // No due date: aged from the issue date, T0.
    const noDue = await invoice(10_000);
    await invoice(20_000, 30);
    const due60 = await invoice(30_000, 60);
    await invoice(7_000, 50);
    await invoice(40_000, 90);
    await invoice(50_000, 120);
    await invoice(5_000, 200);
    const paidInFull = await invoice(99_999, 10);

    await seedPayment(t, writer, { invoiceId: noDue.id, amountCents: 2_500 });
    await seedPayment(t, writer, { invoiceId: due60.id, amountCents: 12_345 });
    await seedPayment(t, writer, { invoiceId: due60.id, amountCents: 1_000 });
    await seedPayment(t, writer, { invoiceId: paidInFull.id, amountCents: 99_999 });

    // 100 days and one hour later.
    t.clock.set(at(T0, 100 * DAY + HOUR));
    const res = await t.gql(Aged, {}, reader);

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.agedReceivables).toEqual({
      asOf: at(T0, 100 * DAY + HOUR),
      buckets: [
        // due in 120 and 200 days: not yet due
        { label: 'current', amountCents: 55_000, invoiceCount: 2 },
        // due at day 90: 11 days past due
        { label: '1-30', amountCents: 40_000, invoiceCount: 1 },
        // due at days 60 and 50: 41 and 51 days past due; 30 000 − 13 345 paid, plus 7 000
        { label: '31-60', amountCents: 23_655, invoiceCount: 2 },
        // due at day 30: 71 days past due
        { label: '61-90', amountCents: 20_000, invoiceCount: 1 },
        // issued at T0 without a due date: 101 days past due; 10 000 − 2 500 paid
        { label: '90+', amountCents: 7_500, invoiceCount: 1 },
      ],
    });
  });

  test('exactly N days past due belongs to the bucket that ends at N', async () => {
    const T0 = '2027-03-01T00:00:00.000Z';
    t.clock.set(T0);
    const { writer, reader, customerId } = await proProject();
    for (const [amountCents, dueInDays] of [
      [1, 0],
      [20, 30],
      [300, 60],
      [4_000, 90],
    ] as const) {
      await seedInvoice(t, writer, { customerId, amountCents, dueAt: at(T0, dueInDays * DAY) });
    }

    t.clock.set(at(T0, 90 * DAY));
    const exact = await t.gql(Aged, {}, reader);
    expect(exact.body.data?.agedReceivables?.buckets).toEqual([
      { label: 'current', amountCents: 4_000, invoiceCount: 1 },
      { label: '1-30', amountCents: 300, invoiceCount: 1 },
      { label: '31-60', amountCents: 20, invoiceCount: 1 },
      { label: '61-90', amountCents: 1, invoiceCount: 1 },
      { label: '90+', amountCents: 0, invoiceCount: 0 },
    ]);

    t.clock.set(at(T0, 90 * DAY + 1));
    const after = await t.gql(Aged, {}, reader);
    expect(after.body.data?.agedReceivables?.buckets).toEqual([
      { label: 'current', amountCents: 0, invoiceCount: 0 },
      { label: '1-30', amountCents: 4_000, invoiceCount: 1 },
      { label: '31-60', amountCents: 300, invoiceCount: 1 },
      { label: '61-90', amountCents: 20, invoiceCount: 1 },
      { label: '90+', amountCents: 1, invoiceCount: 1 },
    ]);
  });

  test('the report counts only the calling project, never another project', async () => {
    const T0 = '2027-06-01T00:00:00.000Z';
    t.clock.set(T0);
    const mine = await proProject();
    const theirs = await proProject();
    await seedInvoice(t, mine.writer, { customerId: mine.customerId, amountCents: 111 });
    await seedInvoice(t, theirs.writer, { customerId: theirs.customerId, amountCents: 222_222 });
    await seedInvoice(t, theirs.writer, {
      customerId: theirs.customerId,
      amountCents: 333_333,
      dueAt: at(T0, DAY),
    });

    t.clock.set(at(T0, 45 * DAY));
    const res = await t.gql(Aged, {}, mine.reader);

    expect(res.body.data?.agedReceivables?.buckets).toEqual([
      { label: 'current', amountCents: 0, invoiceCount: 0 },
      { label: '1-30', amountCents: 0, invoiceCount: 0 },
      { label: '31-60', amountCents: 111, invoiceCount: 1 },
      { label: '61-90', amountCents: 0, invoiceCount: 0 },
      { label: '90+', amountCents: 0, invoiceCount: 0 },
    ]);
  });
});
