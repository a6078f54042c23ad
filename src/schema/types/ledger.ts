import type { Context } from '../../context.js';
import type { CustomerRow, InvoiceRow, PaymentRow, ProductRow } from '../../db/database.js';
import { fieldError } from '../../http/http-errors.js';
import * as ledger from '../../ledger/ledger-repository.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';
import { unwrap } from '../unwrap.js';

/** The project whose ledger this request reads. Ledger scopes are only ever granted with one. */
function projectOf(ctx: Context): string {
  const id = ctx.actor.projectId;
  if (id === null)
    throw fieldError('FORBIDDEN', 'ledger data belongs to a project: use a key of that project');
  return id;
}

const InvoiceStatus = builder.enumType('InvoiceStatus', {
  values: ['DRAFT', 'OPEN', 'PAID', 'VOID'] as const,
});

const Product = builder.objectRef<ProductRow>('Product').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    priceCents: t.exposeInt('price_cents'),
    currency: t.exposeString('currency'),
  }),
});

export const CustomerRef = builder.objectRef<CustomerRow>('Customer');
export const InvoiceRef = builder.objectRef<InvoiceRow>('Invoice');
const PaymentRef = builder.objectRef<PaymentRow>('Payment');

const ProductConnection = connectionType<ProductRow>('Product', Product);
const CustomerConnection = connectionType<CustomerRow>('Customer', CustomerRef);
const InvoiceConnection = connectionType<InvoiceRow>('Invoice', InvoiceRef);
const PaymentConnection = connectionType<PaymentRow>('Payment', PaymentRef);

CustomerRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.exposeString('email', { nullable: true, authScopes: { scope: 'customers:pii' } }),
    country: t.exposeString('country', { nullable: true }),
    invoices: t.field({
      type: InvoiceConnection,
      nullable: true,
      authScopes: { scope: 'invoices:read' },
      args: connectionArgs,
      resolve: (c, args, ctx) =>
        paginate(args, 'inv', (page) =>
          ledger.listInvoices(ctx.services.db, c.project_id, { ...page, customerId: c.id }),
        ),
    }),
  }),
});

InvoiceRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeString('number'),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      authScopes: { scope: 'customers:read' },
      resolve: (i, _args, ctx) => ctx.loaders.customer.load(i.customer_id),
    }),
    amountCents: t.exposeInt('amount_cents'),
    currency: t.exposeString('currency'),
    status: t.field({ type: InvoiceStatus, resolve: (i) => i.status as 'OPEN' }),
    issuedAt: t.field({ type: 'DateTime', resolve: (i) => new Date(i.issued_at) }),
    dueAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (i) => (i.due_at === null ? null : new Date(i.due_at)),
    }),
    payments: t.field({
      type: PaymentConnection,
      nullable: true,
      authScopes: { scope: 'payments:read' },
      args: connectionArgs,
      resolve: (i, args, ctx) =>
        paginate(args, 'pay', (page) =>
          ledger.listPayments(ctx.services.db, i.project_id, i.id, page),
        ),
    }),
  }),
});

PaymentRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    invoice: t.field({
      type: InvoiceRef,
      nullable: true,
      authScopes: { scope: 'invoices:read' },
      resolve: (p, _args, ctx) => ctx.loaders.invoice.load(p.invoice_id),
    }),
    amountCents: t.exposeInt('amount_cents'),
    method: t.exposeString('method', { nullable: true }),
    receivedAt: t.field({ type: 'DateTime', resolve: (p) => new Date(p.received_at) }),
  }),
});

interface Aging {
  asOf: Date;
  buckets: { label: string; amountCents: number; invoiceCount: number }[];
}

const AgedBucket = builder.objectRef<Aging['buckets'][number]>('AgedBucket').implement({
  fields: (t) => ({
    label: t.exposeString('label', {
      description: 'current, 1-30, 31-60, 61-90 or 90+ days past due',
    }),
    amountCents: t.exposeInt('amountCents'),
    invoiceCount: t.exposeInt('invoiceCount'),
  }),
});

const AgedReceivables = builder.objectRef<Aging>('AgedReceivables').implement({
  fields: (t) => ({
    asOf: t.field({ type: 'DateTime', resolve: (a) => a.asOf }),
    buckets: t.field({ type: [AgedBucket], resolve: (a) => a.buckets }),
  }),
});

const InvoiceFilter = builder.inputType('InvoiceFilter', {
  fields: (t) => ({
    status: t.field({ type: InvoiceStatus }),
    customerId: t.id(),
  }),
});

builder.queryFields((t) => ({
  products: t.field({
    type: ProductConnection,
    nullable: true,
    authScopes: { scope: 'products:read' },
    args: connectionArgs,
    resolve: (_root, args, ctx) =>
      paginate(args, 'prd', (page) => ledger.listProducts(ctx.services.db, projectOf(ctx), page)),
  }),
  customers: t.field({
    type: CustomerConnection,
    nullable: true,
    authScopes: { scope: 'customers:read' },
    args: connectionArgs,
    resolve: (_root, args, ctx) =>
      paginate(args, 'cus', (page) => ledger.listCustomers(ctx.services.db, projectOf(ctx), page)),
  }),
  customer: t.field({
    type: CustomerRef,
    nullable: true,
    authScopes: { scope: 'customers:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.loaders.customer.load(id),
  }),
  invoices: t.field({
    type: InvoiceConnection,
    nullable: true,
    authScopes: { scope: 'invoices:read' },
    args: { filter: t.arg({ type: InvoiceFilter }), ...connectionArgs },
    resolve: (_root, args, ctx) =>
      paginate(args, 'inv', (page) =>
        ledger.listInvoices(ctx.services.db, projectOf(ctx), {
          ...page,
          ...(args.filter?.status != null ? { status: args.filter.status } : {}),
          ...(args.filter?.customerId != null ? { customerId: args.filter.customerId } : {}),
        }),
      ),
  }),
  invoice: t.field({
    type: InvoiceRef,
    nullable: true,
    authScopes: { scope: 'invoices:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.loaders.invoice.load(id),
  }),
  agedReceivables: t.field({
    type: AgedReceivables,
    nullable: true,
    description: 'Premium: needs reports:read and a plan that includes it (PRO, ENTERPRISE).',
    authScopes: { scope: 'reports:read' },
    resolve: (_root, _args, ctx) => ctx.services.ledger.agedReceivables(projectOf(ctx)),
  }),
}));

const CreateProductInput = builder.inputType('CreateProductInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    priceCents: t.int({ required: true }),
    currency: t.string({ required: true }),
  }),
});
const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  fields: (t) => ({ name: t.string({ required: true }), email: t.string(), country: t.string() }),
});
const CreateInvoiceInput = builder.inputType('CreateInvoiceInput', {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    amountCents: t.int({ required: true }),
    currency: t.string({ required: true }),
    dueAt: t.field({ type: 'DateTime' }),
  }),
});
const RecordPaymentInput = builder.inputType('RecordPaymentInput', {
  fields: (t) => ({
    invoiceId: t.id({ required: true }),
    amountCents: t.int({ required: true }),
    method: t.string(),
  }),
});

builder.mutationFields((t) => ({
  createProduct: t.field({
    type: Product,
    nullable: true,
    authScopes: { scope: 'products:write' },
    args: { input: t.arg({ type: CreateProductInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.ledger.createProduct(projectOf(ctx), input)),
  }),
  createCustomer: t.field({
    type: CustomerRef,
    nullable: true,
    authScopes: { scope: 'customers:write' },
    args: { input: t.arg({ type: CreateCustomerInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.ledger.createCustomer(projectOf(ctx), input)),
  }),
  createInvoice: t.field({
    type: InvoiceRef,
    nullable: true,
    authScopes: { scope: 'invoices:write' },
    args: { input: t.arg({ type: CreateInvoiceInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.ledger.createInvoice(projectOf(ctx), input)),
  }),
  recordPayment: t.field({
    type: PaymentRef,
    nullable: true,
    authScopes: { scope: 'payments:write' },
    args: { input: t.arg({ type: RecordPaymentInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.ledger.recordPayment(projectOf(ctx), input)),
  }),
}));
