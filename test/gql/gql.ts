/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuditLogList($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          actorKeyId\n          action\n          targetId\n          projectId\n          ip\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogListDocument,
    "\n  query AuditLogWithViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n    auditLog {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.AuditLogWithViewerDocument,
    "\n  query AuditViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.AuditViewerDocument,
    "\n  mutation AuditCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.AuditCreateProjectDocument,
    "\n  mutation AuditUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.AuditUpdateProjectDocument,
    "\n  mutation AuditCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        hint\n      }\n    }\n  }\n": typeof types.AuditCreateKeyDocument,
    "\n  mutation AuditUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.AuditUpdateKeyDocument,
    "\n  mutation AuditRevokeKey($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.AuditRevokeKeyDocument,
    "\n  mutation AuditRotateKey($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        id\n      }\n    }\n  }\n": typeof types.AuditRotateKeyDocument,
    "\n  query AuthzAdminViewer {\n    viewer {\n      key {\n        kind\n        project {\n          id\n        }\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": typeof types.AuthzAdminViewerDocument,
    "\n  query AuthzAdminLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    agedReceivables {\n      asOf\n    }\n    projects(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.AuthzAdminLedgerDocument,
    "\n  query AuthzAdminCustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.AuthzAdminCustomerByIdDocument,
    "\n  mutation AuthzAdminCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n": typeof types.AuthzAdminCreateCustomerDocument,
    "\n  query AuthzScopeCatalog {\n    scopes {\n      name\n      description\n      publishable\n      premium\n    }\n  }\n": typeof types.AuthzScopeCatalogDocument,
    "\n  query AuthzDirectiveIntrospection {\n    __schema {\n      directives {\n        name\n        locations\n        args {\n          name\n          type {\n            kind\n            ofType {\n              kind\n              ofType {\n                kind\n                ofType {\n                  kind\n                  ofType {\n                    kind\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuthzDirectiveIntrospectionDocument,
    "\n  query AuthzAgedBuckets {\n    agedReceivables {\n      asOf\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n  }\n": typeof types.AuthzAgedBucketsDocument,
    "\n  query AuthzInvoicesWithCustomer {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          customer {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuthzInvoicesWithCustomerDocument,
    "\n  query AuthzCustomerEmail($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n    }\n  }\n": typeof types.AuthzCustomerEmailDocument,
    "\n  query AuthzCustomersEmails {\n    customers {\n      edges {\n        node {\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.AuthzCustomersEmailsDocument,
    "\n  query AuthzViewerScopes {\n    viewer {\n      key {\n        id\n        kind\n        scopes\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": typeof types.AuthzViewerScopesDocument,
    "\n  query AuthzInvoiceNumbers {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          status\n        }\n      }\n    }\n  }\n": typeof types.AuthzInvoiceNumbersDocument,
    "\n  query AuthzInvoicePayments($id: ID!) {\n    invoice(id: $id) {\n      number\n      payments {\n        edges {\n          node {\n            amountCents\n            method\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuthzInvoicePaymentsDocument,
    "\n  query AuthzCustomersAndInvoices {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n": typeof types.AuthzCustomersAndInvoicesDocument,
    "\n  mutation AuthzCreateInvoiceOnly($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n": typeof types.AuthzCreateInvoiceOnlyDocument,
    "\n  query AuthzKeysList {\n    keys {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.AuthzKeysListDocument,
    "\n  query AuthzViewerProjectKeys {\n    viewer {\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuthzViewerProjectKeysDocument,
    "\n  mutation AuthzCreateProjectAsKey($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.AuthzCreateProjectAsKeyDocument,
    "\n  query AuthzAllProjectNames {\n    projects(first: 100) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n": typeof types.AuthzAllProjectNamesDocument,
    "\n  mutation AuthzUpdateOwnProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n": typeof types.AuthzUpdateOwnProjectDocument,
    "\n  mutation AuthzLedgerCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      amountCents\n      currency\n      status\n      issuedAt\n      dueAt\n    }\n  }\n": typeof types.AuthzLedgerCreateInvoiceDocument,
    "\n  mutation AuthzLedgerRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      method\n      receivedAt\n    }\n  }\n": typeof types.AuthzLedgerRecordPaymentDocument,
    "\n  mutation AuthzLedgerCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": typeof types.AuthzLedgerCreateProductDocument,
    "\n  query AuthzLedgerInvoice($id: ID!) {\n    invoice(id: $id) {\n      number\n      status\n      amountCents\n      payments {\n        edges {\n          node {\n            amountCents\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuthzLedgerInvoiceDocument,
    "\n  query AuthzLedgerInvoiceList {\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n": typeof types.AuthzLedgerInvoiceListDocument,
    "\n  mutation AuthzSeedCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n": typeof types.AuthzSeedCustomerDocument,
    "\n  mutation AuthzSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n": typeof types.AuthzSeedInvoiceDocument,
    "\n  mutation AuthzSeedPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n    }\n  }\n": typeof types.AuthzSeedPaymentDocument,
    "\n  mutation AuthzSeedUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      plan\n      allowedScopes\n    }\n  }\n": typeof types.AuthzSeedUpdateProjectDocument,
    "\n  mutation AuthzPubCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": typeof types.AuthzPubCreateProductDocument,
    "\n  query AuthzPubProductsAndInvoices {\n    products {\n      edges {\n        node {\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n": typeof types.AuthzPubProductsAndInvoicesDocument,
    "\n  query AuthzPubViewer {\n    viewer {\n      key {\n        kind\n        scopes\n      }\n      scopes\n    }\n  }\n": typeof types.AuthzPubViewerDocument,
    "\n  mutation AuthzPubCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        kind\n        scopes\n      }\n      secret\n    }\n  }\n": typeof types.AuthzPubCreateKeyDocument,
    "\n  mutation AuthzPubUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n": typeof types.AuthzPubUpdateKeyDocument,
    "\n  query AuthzPremiumAged {\n    agedReceivables {\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n": typeof types.AuthzPremiumAgedDocument,
    "\n  query CliViewer {\n    viewer {\n      key {\n        name\n        kind\n        status\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": typeof types.CliViewerDocument,
    "\n  query UsageCliProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageCliProductsDocument,
    "\n  query UsageCliCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageCliCustomersDocument,
    "\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.FixtureCreateProjectDocument,
    "\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.FixtureCreateKeyDocument,
    "\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n": typeof types.AuthViewerDocument,
    "\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": typeof types.AuthRevokeDocument,
    "\n  query BadInputPing {\n    __typename\n  }\n": typeof types.BadInputPingDocument,
    "\n  mutation BadInputNamedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        name\n        metadata\n      }\n    }\n  }\n": typeof types.BadInputNamedKeyDocument,
    "\n  mutation BadInputProject($name: String!) {\n    createProject(input: { name: $name, allowedScopes: [\"products:read\"] }) {\n      name\n    }\n  }\n": typeof types.BadInputProjectDocument,
    "\n  query BadInputInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.BadInputInvoicesDocument,
    "\n  query EdgeSchemaName {\n    __schema {\n      queryType {\n        name\n      }\n    }\n  }\n": typeof types.EdgeSchemaNameDocument,
    "\n  query EdgeTypeName {\n    __type(name: \"Viewer\") {\n      name\n    }\n  }\n": typeof types.EdgeTypeNameDocument,
    "\n  query EdgeSchemaAndViewer {\n    __schema {\n      queryType {\n        name\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n": typeof types.EdgeSchemaAndViewerDocument,
    "\n  query EdgeViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n": typeof types.EdgeViewerDocument,
    "\n  query FaultsViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.FaultsViewerDocument,
    "\n  query FaultsPing {\n    __typename\n  }\n": typeof types.FaultsPingDocument,
    "\n  query HardenReportLogs($operationName: String) {\n    requestLogs(filter: { operationName: $operationName }, first: 10) {\n      edges {\n        node {\n          outcome\n          httpStatus\n          operationType\n          keyId\n        }\n      }\n    }\n  }\n": typeof types.HardenReportLogsDocument,
    "\n  mutation PropCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.PropCreateKeyDocument,
    "\n  mutation PropRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": typeof types.PropRevokeKeyDocument,
    "\n  mutation PropUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n    }\n  }\n": typeof types.PropUpdateKeyDocument,
    "\n  mutation PropSeedLedger($product: CreateProductInput!, $customer: CreateCustomerInput!) {\n    createProduct(input: $product) {\n      id\n    }\n    createCustomer(input: $customer) {\n      id\n    }\n  }\n": typeof types.PropSeedLedgerDocument,
    "\n  mutation PropSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n    }\n  }\n": typeof types.PropSeedInvoiceDocument,
    "\n  query PropViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.PropViewerDocument,
    "\n  query TransportPing {\n    __typename\n  }\n": typeof types.TransportPingDocument,
    "\n  mutation IsoCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": typeof types.IsoCreateProductDocument,
    "\n  mutation IsoCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n": typeof types.IsoCreateCustomerDocument,
    "\n  mutation IsoCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      status\n      customer {\n        id\n      }\n    }\n  }\n": typeof types.IsoCreateInvoiceDocument,
    "\n  mutation IsoRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      invoice {\n        id\n        status\n      }\n    }\n  }\n": typeof types.IsoRecordPaymentDocument,
    "\n  query IsoProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      region\n      allowedScopes\n      createdAt\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n      keys(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.IsoProjectDocument,
    "\n  query IsoKey($id: ID!) {\n    key(id: $id) {\n      id\n      name\n      hint\n      kind\n      status\n      scopes\n      rotatedFrom {\n        id\n      }\n      replacedBy {\n        id\n      }\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.IsoKeyDocument,
    "\n  query IsoCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n      invoices {\n        edges {\n          node {\n            id\n            number\n          }\n        }\n      }\n    }\n  }\n": typeof types.IsoCustomerDocument,
    "\n  query IsoInvoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      amountCents\n      currency\n      status\n      customer {\n        id\n        name\n      }\n      payments {\n        edges {\n          node {\n            id\n            amountCents\n          }\n        }\n      }\n    }\n  }\n": typeof types.IsoInvoiceDocument,
    "\n  query IsoKeysByProject($projectId: ID!) {\n    keys(filter: { projectId: $projectId }, first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.IsoKeysByProjectDocument,
    "\n  query IsoAuditLog($filter: AuditFilter) {\n    auditLog(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n          projectId\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.IsoAuditLogDocument,
    "\n  query IsoInvoicesByCustomer($customerId: ID!) {\n    invoices(filter: { customerId: $customerId }, first: 100) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.IsoInvoicesByCustomerDocument,
    "\n  query IsoOwnProjectKeys($projectId: ID!) {\n    viewer {\n      project {\n        id\n        keys(filter: { projectId: $projectId }, first: 100) {\n          edges {\n            node {\n              id\n              project {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.IsoOwnProjectKeysDocument,
    "\n  query IsoLists {\n    products(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          customer {\n            id\n          }\n        }\n      }\n    }\n    projects(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          project {\n            id\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          projectId\n        }\n      }\n    }\n  }\n": typeof types.IsoListsDocument,
    "\n  mutation IsoUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n": typeof types.IsoUpdateProjectDocument,
    "\n  mutation IsoUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n      scopes\n    }\n  }\n": typeof types.IsoUpdateKeyDocument,
    "\n  mutation IsoRevokeKey($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.IsoRevokeKeyDocument,
    "\n  mutation IsoRotateKey($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.IsoRotateKeyDocument,
    "\n  mutation IsoCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        project {\n          id\n        }\n      }\n      secret\n    }\n  }\n": typeof types.IsoCreateKeyDocument,
    "\n  query IsoTenantState {\n    viewer {\n      project {\n        id\n        name\n        plan\n        region\n        allowedScopes\n        rotationPolicy {\n          maxKeyAgeDays\n          enforce\n        }\n        keys(first: 100) {\n          edges {\n            node {\n              id\n              name\n              status\n              scopes\n              revokedAt\n              revocationReason\n              graceEndsAt\n              allowedIps\n              expiresAt\n              replacedBy {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          country\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          number\n          status\n          amountCents\n          payments {\n            edges {\n              node {\n                id\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n        }\n      }\n    }\n  }\n": typeof types.IsoTenantStateDocument,
    "\n  query IsoViewerStatus {\n    viewer {\n      key {\n        id\n        status\n      }\n      project {\n        id\n      }\n    }\n  }\n": typeof types.IsoViewerStatusDocument,
    "\n  mutation KeyGrantCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        kind\n        scopes\n        project {\n          id\n        }\n      }\n    }\n  }\n": typeof types.KeyGrantCreateDocument,
    "\n  mutation KeyGrantUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n": typeof types.KeyGrantUpdateDocument,
    "\n  mutation KeyGrantRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 60) {\n      secret\n      key {\n        id\n        scopes\n      }\n    }\n  }\n": typeof types.KeyGrantRotateDocument,
    "\n  query KeyGrantGet($id: ID!) {\n    key(id: $id) {\n      id\n      scopes\n      status\n      replacedBy {\n        id\n      }\n    }\n  }\n": typeof types.KeyGrantGetDocument,
    "\n  query KeyGrantKeys($projectId: ID!) {\n    keys(filter: { projectId: $projectId }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.KeyGrantKeysDocument,
    "\n  query KeyGrantViewer {\n    viewer {\n      scopes\n    }\n  }\n": typeof types.KeyGrantViewerDocument,
    "\n  query KeyGrantInvoices {\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.KeyGrantInvoicesDocument,
    "\n  query KeyGrantProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n": typeof types.KeyGrantProjectDocument,
    "\n  mutation KeyGrantUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n": typeof types.KeyGrantUpdateProjectDocument,
    "\n  mutation KeyGrantCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.KeyGrantCreateProjectDocument,
    "\n    mutation KeyGrantRevoke($id: ID!) {\n      revokeKey(id: $id) {\n        id\n        status\n      }\n    }\n  ": typeof types.KeyGrantRevokeDocument,
    "\n  fragment KeyLifeKeyFields on ApiKey {\n    id\n    name\n    kind\n    environment\n    hint\n    scopes\n    status\n    createdAt\n    expiresAt\n    revokedAt\n    revocationReason\n    graceEndsAt\n    allowedIps\n    allowedOrigins\n    rateLimitPerMinute\n    metadata\n    project {\n      id\n    }\n    rotatedFrom {\n      id\n    }\n    replacedBy {\n      id\n    }\n  }\n": typeof types.KeyLifeKeyFieldsFragmentDoc,
    "\n  mutation KeyLifeCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n": typeof types.KeyLifeCreateDocument,
    "\n  query KeyLifeGet($id: ID!) {\n    key(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n": typeof types.KeyLifeGetDocument,
    "\n  query KeyLifeList($filter: KeyFilter, $first: Int, $after: String) {\n    keys(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...KeyLifeKeyFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.KeyLifeListDocument,
    "\n  query KeyLifeProjectKeys($id: ID!) {\n    project(id: $id) {\n      keys {\n        edges {\n          node {\n            ...KeyLifeKeyFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.KeyLifeProjectKeysDocument,
    "\n  query KeyLifeViewer {\n    viewer {\n      key {\n        id\n        name\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": typeof types.KeyLifeViewerDocument,
    "\n  query KeyLifeLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.KeyLifeLedgerDocument,
    "\n  mutation KeyLifeUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      ...KeyLifeKeyFields\n    }\n  }\n": typeof types.KeyLifeUpdateDocument,
    "\n  mutation KeyLifeRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n": typeof types.KeyLifeRevokeDocument,
    "\n  mutation KeyLifeRevokeWithReason($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      ...KeyLifeKeyFields\n    }\n  }\n": typeof types.KeyLifeRevokeWithReasonDocument,
    "\n  mutation KeyLifeRotate($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n": typeof types.KeyLifeRotateDocument,
    "\n  mutation KeyLifeRotateDefault($id: ID!) {\n    rotateKey(id: $id) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n": typeof types.KeyLifeRotateDefaultDocument,
    "\n  mutation KeyLifeCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n": typeof types.KeyLifeCreateProjectDocument,
    "\n  query LifecycleViewer {\n    viewer {\n      key {\n        id\n        status\n        enabled\n      }\n    }\n  }\n": typeof types.LifecycleViewerDocument,
    "\n  mutation LifecycleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      warnings\n      key {\n        id\n        allowedIps\n        allowedOrigins\n      }\n    }\n  }\n": typeof types.LifecycleCreateKeyDocument,
    "\n  mutation LifecycleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n      enabled\n      allowedIps\n      allowedOrigins\n    }\n  }\n": typeof types.LifecycleUpdateKeyDocument,
    "\n  mutation LifecyclePolicyProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.LifecyclePolicyProjectDocument,
    "\n  mutation LifecycleReport($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      revokedKey {\n        id\n        status\n        revocationReason\n        replacedBy {\n          id\n        }\n      }\n      replacement {\n        secret\n        key {\n          id\n          name\n          scopes\n          rotatedFrom {\n            id\n          }\n        }\n      }\n      recentRequests {\n        ip\n        outcome\n      }\n      distinctIps\n    }\n  }\n": typeof types.LifecycleReportDocument,
    "\n  mutation LifecycleLeaked($secrets: [String!]!) {\n    revokeLeakedKeys(secrets: $secrets) {\n      index\n      outcome\n      keyId\n      projectId\n      hint\n    }\n  }\n": typeof types.LifecycleLeakedDocument,
    "\n  query LifecycleAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n        }\n      }\n    }\n  }\n": typeof types.LifecycleAuditDocument,
    "\n  query SharedPartsViewer {\n    viewer {\n      scopes\n    }\n  }\n": typeof types.SharedPartsViewerDocument,
    "\n  mutation SharedPartsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      allowedScopes\n    }\n  }\n": typeof types.SharedPartsUpdateProjectDocument,
    "\n  mutation AnsweredAtOnceLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n    }\n  }\n": typeof types.AnsweredAtOnceLimitedKeyDocument,
    "\n  query BruteForcePing {\n    __typename\n  }\n": typeof types.BruteForcePingDocument,
    "\n  query BruteForceLogs($from: DateTime!) {\n    requestLogs(filter: { from: $from, outcome: RATE_LIMITED }, first: 100) {\n      edges {\n        node {\n          ip\n          keyId\n          httpStatus\n        }\n      }\n    }\n  }\n": typeof types.BruteForceLogsDocument,
    "\n  query JourneyInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.JourneyInvoicesDocument,
    "\n  query JourneyAged {\n    agedReceivables {\n      buckets {\n        label\n      }\n    }\n  }\n": typeof types.JourneyAgedDocument,
    "\n  mutation JourneyGrant($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.JourneyGrantDocument,
    "\n  mutation JourneyUpgrade($id: ID!) {\n    updateProject(id: $id, input: { plan: PRO }) {\n      plan\n    }\n  }\n": typeof types.JourneyUpgradeDocument,
    "\n  query CostExpensive($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            id\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CostExpensiveDocument,
    "\n  query CostCheap {\n    invoices(first: 5) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.CostCheapDocument,
    "\n  query CostTooDeep {\n    invoices(first: 1) {\n      edges {\n        node {\n          customer {\n            invoices(first: 1) {\n              edges {\n                node {\n                  customer {\n                    id\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CostTooDeepDocument,
    "\n  mutation CostCreateCustomerDeep($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      invoices(first: 100) {\n        edges {\n          node {\n            payments(first: 100) {\n              edges {\n                node {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CostCreateCustomerDeepDocument,
    "\n  query CostCustomers {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n": typeof types.CostCustomersDocument,
    "\n  query CostLogs($keyId: ID!) {\n    requestLogs(filter: { keyId: $keyId }) {\n      edges {\n        node {\n          operationName\n          outcome\n          httpStatus\n          cost\n        }\n      }\n    }\n  }\n": typeof types.CostLogsDocument,
    "\n  mutation CostSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n": typeof types.CostSetPlanDocument,
    "\n  query QuotaPing {\n    __typename\n  }\n": typeof types.QuotaPingDocument,
    "\n  query QuotaStatus {\n    rateLimit {\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      usageLimit\n      usageRemaining\n    }\n  }\n": typeof types.QuotaStatusDocument,
    "\n  mutation QuotaCreateLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        usageLimit\n        remaining\n      }\n    }\n  }\n": typeof types.QuotaCreateLimitedKeyDocument,
    "\n  query QuotaKeyRemaining($id: ID!) {\n    key(id: $id) {\n      usageLimit\n      remaining\n    }\n  }\n": typeof types.QuotaKeyRemainingDocument,
    "\n  query QuotaViewerRemaining {\n    viewer {\n      key {\n        remaining\n      }\n    }\n  }\n": typeof types.QuotaViewerRemainingDocument,
    "\n  mutation QuotaSetUsageLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { usageLimit: $limit }) {\n      usageLimit\n      remaining\n    }\n  }\n": typeof types.QuotaSetUsageLimitDocument,
    "\n  query LimitsPing {\n    __typename\n  }\n": typeof types.LimitsPingDocument,
    "\n  query LimitsStatus {\n    rateLimit {\n      limitPerMinute\n      remaining\n      resetAt\n      unlimited\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      maxCost\n      maxDepth\n    }\n  }\n": typeof types.LimitsStatusDocument,
    "\n  query LimitsStatusAndViewer {\n    rateLimit {\n      remaining\n    }\n    viewer {\n      scopes\n    }\n  }\n": typeof types.LimitsStatusAndViewerDocument,
    "\n  mutation LimitsSetKeyLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n": typeof types.LimitsSetKeyLimitDocument,
    "\n  mutation LimitsSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n": typeof types.LimitsSetPlanDocument,
    "\n  query LimitsRequests($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          outcome\n          httpStatus\n        }\n      }\n    }\n  }\n": typeof types.LimitsRequestsDocument,
    "\n  query ApiAnomalies($filter: AnomalyFilter, $first: Int, $after: String) {\n    anomalies(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          acknowledgedAt\n          acknowledgedByKeyId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiAnomaliesDocument,
    "\n  mutation ApiAcknowledge($id: ID!) {\n    acknowledgeAnomaly(id: $id) {\n      id\n      acknowledgedAt\n      acknowledgedByKeyId\n    }\n  }\n": typeof types.ApiAcknowledgeDocument,
    "\n  mutation ApiMonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.ApiMonitorCreateKeyDocument,
    "\n  mutation ApiAlertCreate($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n": typeof types.ApiAlertCreateDocument,
    "\n  mutation ApiAlertUpdate($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n": typeof types.ApiAlertUpdateDocument,
    "\n  query ApiMonitorAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n": typeof types.ApiMonitorAuditDocument,
    "\n  mutation MonitorCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n": typeof types.MonitorCreateWebhookDocument,
    "\n  query EscalationAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          evidence\n          suspendedKey\n          key {\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.EscalationAnomaliesDocument,
    "\n  query EscalationAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          details\n        }\n      }\n    }\n  }\n": typeof types.EscalationAuditDocument,
    "\n  mutation EscalationCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n": typeof types.EscalationCreateWebhookDocument,
    "\n  mutation EscalationEnableKey($id: ID!) {\n    updateKey(id: $id, input: { enabled: true }) {\n      status\n    }\n  }\n": typeof types.EscalationEnableKeyDocument,
    "\n  mutation MonitorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.MonitorCreateProjectDocument,
    "\n  mutation MonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.MonitorCreateKeyDocument,
    "\n  query MonitorViewer {\n    viewer {\n      scopes\n    }\n  }\n": typeof types.MonitorViewerDocument,
    "\n  query MonitorCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.MonitorCustomersDocument,
    "\n  query BurstAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          kind\n          severity\n          keyId\n          suspendedKey\n          evidence\n        }\n      }\n    }\n  }\n": typeof types.BurstAnomaliesDocument,
    "\n  query SpikeAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          evidence\n          detectedAt\n          acknowledgedAt\n          suspendedKey\n          key {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.SpikeAnomaliesDocument,
    "\n  query SpikeAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n": typeof types.SpikeAuditDocument,
    "\n  query AnnouncePing {\n    __typename\n  }\n": typeof types.AnnouncePingDocument,
    "\n  mutation ScaleCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.ScaleCreateProjectDocument,
    "\n  mutation ScaleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.ScaleCreateKeyDocument,
    "\n  mutation ScaleRevokeKey($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n": typeof types.ScaleRevokeKeyDocument,
    "\n  mutation ScaleRotateKey($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.ScaleRotateKeyDocument,
    "\n  mutation ScaleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      status\n      scopes\n    }\n  }\n": typeof types.ScaleUpdateKeyDocument,
    "\n  query ScaleKey($id: ID!) {\n    key(id: $id) {\n      status\n      revocationReason\n      replacedBy {\n        id\n      }\n    }\n  }\n": typeof types.ScaleKeyDocument,
    "\n  query ScaleViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.ScaleViewerDocument,
    "\n  query ScaleProducts {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n": typeof types.ScaleProductsDocument,
    "\n  query ScaleLedger {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n    customers(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n": typeof types.ScaleLedgerDocument,
    "\n  query ScaleRateLimit {\n    rateLimit {\n      limitPerMinute\n      remaining\n    }\n  }\n": typeof types.ScaleRateLimitDocument,
    "\n  query ScaleUsage($filter: UsageFilter!) {\n    usage(filter: $filter) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n    }\n  }\n": typeof types.ScaleUsageDocument,
    "\n  query FailoverViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n": typeof types.FailoverViewerDocument,
    "\n  query NoRedisPing {\n    __typename\n  }\n": typeof types.NoRedisPingDocument,
    "\n  query OutagePing {\n    __typename\n  }\n": typeof types.OutagePingDocument,
    "\n  mutation OutageSetLimit($id: ID!, $limit: Int!) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n": typeof types.OutageSetLimitDocument,
    "\n  query PageKeys($first: Int, $after: String) {\n    keys(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PageKeysDocument,
    "\n  query PageAudit {\n    auditLog(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n": typeof types.PageAuditDocument,
    "\n  query SecretsViewer {\n    viewer {\n      key {\n        id\n        status\n      }\n    }\n  }\n": typeof types.SecretsViewerDocument,
    "\n  mutation SecretsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n        hint\n      }\n      secret\n    }\n  }\n": typeof types.SecretsRotateDocument,
    "\n  mutation SecretsRevoke($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n": typeof types.SecretsRevokeDocument,
    "\n  mutation SecretsUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.SecretsUpdateDocument,
    "\n  query SecretsKeyHints {\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          hint\n        }\n      }\n    }\n  }\n": typeof types.SecretsKeyHintsDocument,
    "\n  mutation SecretsOutCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.SecretsOutCreateProjectDocument,
    "\n  mutation SecretsOutCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.SecretsOutCreateKeyDocument,
    "\n  mutation SecretsOutRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.SecretsOutRotateDocument,
    "\n  mutation SecretsOutRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": typeof types.SecretsOutRevokeDocument,
    "\n  query SecretsOutViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.SecretsOutViewerDocument,
    "\n  query IngestDialectsLogs($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n    }\n  }\n": typeof types.IngestDialectsLogsDocument,
    "\n  query LogsProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.LogsProductsDocument,
    "\n  query LogsCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.LogsCustomersDocument,
    "\n  mutation LogsCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": typeof types.LogsCreateProductDocument,
    "\n  mutation LogsRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": typeof types.LogsRevokeDocument,
    "\n  query RecorderViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n      project {\n        id\n      }\n    }\n  }\n": typeof types.RecorderViewerDocument,
    "\n  query RecorderAdminProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.RecorderAdminProductsDocument,
    "\n  query RecorderPoison {\n    scopes {\n      name\n    }\n  }\n": typeof types.RecorderPoisonDocument,
    "\n  query ReportProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ReportProductsDocument,
    "\n  query ReportCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ReportCustomersDocument,
    "\n  query ReportViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": typeof types.ReportViewerDocument,
    "\n  mutation ReportRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": typeof types.ReportRevokeDocument,
    "\n  mutation UsageLogsCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.UsageLogsCreateProjectDocument,
    "\n  mutation UsageLogsRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n": typeof types.UsageLogsRevokeKeyDocument,
    "\n  query UsageLogsProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageLogsProductsDocument,
    "\n  query UsageLogsProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageLogsProductsAndCustomersDocument,
    "\n  query UsageLogsList($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          cost\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UsageLogsListDocument,
    "\n  query ShutdownViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n    }\n  }\n": typeof types.ShutdownViewerDocument,
    "\n  query ShutdownProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ShutdownProductsDocument,
    "\n  mutation ShutdownCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.ShutdownCreateProjectDocument,
    "\n  mutation ShutdownCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.ShutdownCreateKeyDocument,
    "\n  mutation ShutdownRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": typeof types.ShutdownRevokeKeyDocument,
    "\n  mutation UsageQCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.UsageQCreateProjectDocument,
    "\n  mutation UsageQRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n": typeof types.UsageQRevokeKeyDocument,
    "\n  query UsageQProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageQProductsDocument,
    "\n  query UsageQProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageQProductsAndCustomersDocument,
    "\n  query UsageQViewerScopes {\n    viewer {\n      scopes\n    }\n  }\n": typeof types.UsageQViewerScopesDocument,
    "\n  query UsageQReport($filter: UsageFilter!, $granularity: Granularity) {\n    usage(filter: $filter, granularity: $granularity) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n      series {\n        bucket\n        requests\n        denied\n        cost\n      }\n    }\n  }\n": typeof types.UsageQReportDocument,
    "\n  query UsageQFieldUsage($filter: UsageFilter!, $first: Int, $byRegion: Boolean) {\n    fieldUsage(filter: $filter, first: $first, byRegion: $byRegion) {\n      coordinate\n      region\n      count\n    }\n  }\n": typeof types.UsageQFieldUsageDocument,
    "\n  query UsageQRequestLogIds($filter: RequestLogFilter, $first: Int) {\n    requestLogs(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n          projectId\n          keyId\n          outcome\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.UsageQRequestLogIdsDocument,
    "\n  query UsageQAllFields($filter: UsageFilter!, $logFilter: RequestLogFilter) {\n    viewer {\n      scopes\n    }\n    usage(filter: $filter) {\n      total\n    }\n    fieldUsage(filter: $filter) {\n      coordinate\n    }\n    requestLogs(filter: $logFilter) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UsageQAllFieldsDocument,
    "\n  query UsageQMeteringStatus {\n    viewer {\n      scopes\n    }\n    meteringStatus {\n      buffered\n      written\n      dropped\n      failedFlushes\n      lastFlushAt\n    }\n  }\n": typeof types.UsageQMeteringStatusDocument,
    "\n  query UsageQKeyLastUsed($id: ID!) {\n    key(id: $id) {\n      id\n      lastUsedAt\n    }\n  }\n": typeof types.UsageQKeyLastUsedDocument,
    "\n  mutation WebhookDeliveryRotateSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n": typeof types.WebhookDeliveryRotateSecretDocument,
    "\n  mutation WebhookDeliveryUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n": typeof types.WebhookDeliveryUpdateDocument,
    "\n  mutation WebhookEventsRevoke($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.WebhookEventsRevokeDocument,
    "\n  mutation WebhookEventsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.WebhookEventsRotateDocument,
    "\n  mutation WebhookEventsCompromised($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      replacement {\n        key {\n          id\n        }\n        secret\n      }\n    }\n  }\n": typeof types.WebhookEventsCompromisedDocument,
    "\n  mutation WebhookEventsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.WebhookEventsUpdateProjectDocument,
    "\n  query WebhookEventsViewer {\n    viewer {\n      scopes\n    }\n  }\n": typeof types.WebhookEventsViewerDocument,
    "\n        mutation WebhookEventsBadKey($input: CreateKeyInput!) {\n          createKey(input: $input) {\n            secret\n          }\n        }\n      ": typeof types.WebhookEventsBadKeyDocument,
    "\n  query WebhookManageGet($id: ID!) {\n    webhook(id: $id) {\n      id\n      projectId\n      project {\n        id\n      }\n      url\n      events\n      enabled\n      createdAt\n      updatedAt\n    }\n  }\n": typeof types.WebhookManageGetDocument,
    "\n  query WebhookManageList($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          projectId\n          url\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WebhookManageListDocument,
    "\n  mutation WebhookManageUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      url\n      events\n      enabled\n      updatedAt\n    }\n  }\n": typeof types.WebhookManageUpdateDocument,
    "\n  mutation WebhookManageDelete($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedWebhookId\n    }\n  }\n": typeof types.WebhookManageDeleteDocument,
    "\n  mutation WebhookManageRotate($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n    }\n  }\n": typeof types.WebhookManageRotateDocument,
    "\n  query WebhookManageAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n          actorKeyId\n          projectId\n          details\n        }\n      }\n    }\n  }\n": typeof types.WebhookManageAuditDocument,
    "\n  mutation WebhookHelperCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        projectId\n        url\n        events\n        enabled\n        createdAt\n        updatedAt\n      }\n    }\n  }\n": typeof types.WebhookHelperCreateDocument,
    "\n  query WebhookHelperDeliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int) {\n    webhook(id: $id) {\n      id\n      deliveries(status: $status, first: $first) {\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            payload\n            status\n            attemptCount\n            lastStatusCode\n            lastError\n            nextAttemptAt\n            createdAt\n            deliveredAt\n            attempts {\n              attempt\n              at\n              statusCode\n              error\n              durationMs\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.WebhookHelperDeliveriesDocument,
};
const documents: Documents = {
    "\n  query AuditLogList($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          actorKeyId\n          action\n          targetId\n          projectId\n          ip\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogListDocument,
    "\n  query AuditLogWithViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n    auditLog {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.AuditLogWithViewerDocument,
    "\n  query AuditViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.AuditViewerDocument,
    "\n  mutation AuditCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.AuditCreateProjectDocument,
    "\n  mutation AuditUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n": types.AuditUpdateProjectDocument,
    "\n  mutation AuditCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        hint\n      }\n    }\n  }\n": types.AuditCreateKeyDocument,
    "\n  mutation AuditUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n    }\n  }\n": types.AuditUpdateKeyDocument,
    "\n  mutation AuditRevokeKey($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.AuditRevokeKeyDocument,
    "\n  mutation AuditRotateKey($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        id\n      }\n    }\n  }\n": types.AuditRotateKeyDocument,
    "\n  query AuthzAdminViewer {\n    viewer {\n      key {\n        kind\n        project {\n          id\n        }\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": types.AuthzAdminViewerDocument,
    "\n  query AuthzAdminLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    agedReceivables {\n      asOf\n    }\n    projects(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.AuthzAdminLedgerDocument,
    "\n  query AuthzAdminCustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n  }\n": types.AuthzAdminCustomerByIdDocument,
    "\n  mutation AuthzAdminCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n": types.AuthzAdminCreateCustomerDocument,
    "\n  query AuthzScopeCatalog {\n    scopes {\n      name\n      description\n      publishable\n      premium\n    }\n  }\n": types.AuthzScopeCatalogDocument,
    "\n  query AuthzDirectiveIntrospection {\n    __schema {\n      directives {\n        name\n        locations\n        args {\n          name\n          type {\n            kind\n            ofType {\n              kind\n              ofType {\n                kind\n                ofType {\n                  kind\n                  ofType {\n                    kind\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AuthzDirectiveIntrospectionDocument,
    "\n  query AuthzAgedBuckets {\n    agedReceivables {\n      asOf\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n  }\n": types.AuthzAgedBucketsDocument,
    "\n  query AuthzInvoicesWithCustomer {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          customer {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AuthzInvoicesWithCustomerDocument,
    "\n  query AuthzCustomerEmail($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n    }\n  }\n": types.AuthzCustomerEmailDocument,
    "\n  query AuthzCustomersEmails {\n    customers {\n      edges {\n        node {\n          name\n          email\n        }\n      }\n    }\n  }\n": types.AuthzCustomersEmailsDocument,
    "\n  query AuthzViewerScopes {\n    viewer {\n      key {\n        id\n        kind\n        scopes\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": types.AuthzViewerScopesDocument,
    "\n  query AuthzInvoiceNumbers {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          status\n        }\n      }\n    }\n  }\n": types.AuthzInvoiceNumbersDocument,
    "\n  query AuthzInvoicePayments($id: ID!) {\n    invoice(id: $id) {\n      number\n      payments {\n        edges {\n          node {\n            amountCents\n            method\n          }\n        }\n      }\n    }\n  }\n": types.AuthzInvoicePaymentsDocument,
    "\n  query AuthzCustomersAndInvoices {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n": types.AuthzCustomersAndInvoicesDocument,
    "\n  mutation AuthzCreateInvoiceOnly($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n": types.AuthzCreateInvoiceOnlyDocument,
    "\n  query AuthzKeysList {\n    keys {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.AuthzKeysListDocument,
    "\n  query AuthzViewerProjectKeys {\n    viewer {\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AuthzViewerProjectKeysDocument,
    "\n  mutation AuthzCreateProjectAsKey($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.AuthzCreateProjectAsKeyDocument,
    "\n  query AuthzAllProjectNames {\n    projects(first: 100) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n": types.AuthzAllProjectNamesDocument,
    "\n  mutation AuthzUpdateOwnProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n": types.AuthzUpdateOwnProjectDocument,
    "\n  mutation AuthzLedgerCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      amountCents\n      currency\n      status\n      issuedAt\n      dueAt\n    }\n  }\n": types.AuthzLedgerCreateInvoiceDocument,
    "\n  mutation AuthzLedgerRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      method\n      receivedAt\n    }\n  }\n": types.AuthzLedgerRecordPaymentDocument,
    "\n  mutation AuthzLedgerCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": types.AuthzLedgerCreateProductDocument,
    "\n  query AuthzLedgerInvoice($id: ID!) {\n    invoice(id: $id) {\n      number\n      status\n      amountCents\n      payments {\n        edges {\n          node {\n            amountCents\n          }\n        }\n      }\n    }\n  }\n": types.AuthzLedgerInvoiceDocument,
    "\n  query AuthzLedgerInvoiceList {\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n": types.AuthzLedgerInvoiceListDocument,
    "\n  mutation AuthzSeedCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n": types.AuthzSeedCustomerDocument,
    "\n  mutation AuthzSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n": types.AuthzSeedInvoiceDocument,
    "\n  mutation AuthzSeedPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n    }\n  }\n": types.AuthzSeedPaymentDocument,
    "\n  mutation AuthzSeedUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      plan\n      allowedScopes\n    }\n  }\n": types.AuthzSeedUpdateProjectDocument,
    "\n  mutation AuthzPubCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": types.AuthzPubCreateProductDocument,
    "\n  query AuthzPubProductsAndInvoices {\n    products {\n      edges {\n        node {\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n": types.AuthzPubProductsAndInvoicesDocument,
    "\n  query AuthzPubViewer {\n    viewer {\n      key {\n        kind\n        scopes\n      }\n      scopes\n    }\n  }\n": types.AuthzPubViewerDocument,
    "\n  mutation AuthzPubCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        kind\n        scopes\n      }\n      secret\n    }\n  }\n": types.AuthzPubCreateKeyDocument,
    "\n  mutation AuthzPubUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n": types.AuthzPubUpdateKeyDocument,
    "\n  query AuthzPremiumAged {\n    agedReceivables {\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n": types.AuthzPremiumAgedDocument,
    "\n  query CliViewer {\n    viewer {\n      key {\n        name\n        kind\n        status\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": types.CliViewerDocument,
    "\n  query UsageCliProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageCliProductsDocument,
    "\n  query UsageCliCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageCliCustomersDocument,
    "\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.FixtureCreateProjectDocument,
    "\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.FixtureCreateKeyDocument,
    "\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n": types.AuthViewerDocument,
    "\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": types.AuthRevokeDocument,
    "\n  query BadInputPing {\n    __typename\n  }\n": types.BadInputPingDocument,
    "\n  mutation BadInputNamedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        name\n        metadata\n      }\n    }\n  }\n": types.BadInputNamedKeyDocument,
    "\n  mutation BadInputProject($name: String!) {\n    createProject(input: { name: $name, allowedScopes: [\"products:read\"] }) {\n      name\n    }\n  }\n": types.BadInputProjectDocument,
    "\n  query BadInputInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.BadInputInvoicesDocument,
    "\n  query EdgeSchemaName {\n    __schema {\n      queryType {\n        name\n      }\n    }\n  }\n": types.EdgeSchemaNameDocument,
    "\n  query EdgeTypeName {\n    __type(name: \"Viewer\") {\n      name\n    }\n  }\n": types.EdgeTypeNameDocument,
    "\n  query EdgeSchemaAndViewer {\n    __schema {\n      queryType {\n        name\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n": types.EdgeSchemaAndViewerDocument,
    "\n  query EdgeViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n": types.EdgeViewerDocument,
    "\n  query FaultsViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.FaultsViewerDocument,
    "\n  query FaultsPing {\n    __typename\n  }\n": types.FaultsPingDocument,
    "\n  query HardenReportLogs($operationName: String) {\n    requestLogs(filter: { operationName: $operationName }, first: 10) {\n      edges {\n        node {\n          outcome\n          httpStatus\n          operationType\n          keyId\n        }\n      }\n    }\n  }\n": types.HardenReportLogsDocument,
    "\n  mutation PropCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.PropCreateKeyDocument,
    "\n  mutation PropRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": types.PropRevokeKeyDocument,
    "\n  mutation PropUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n    }\n  }\n": types.PropUpdateKeyDocument,
    "\n  mutation PropSeedLedger($product: CreateProductInput!, $customer: CreateCustomerInput!) {\n    createProduct(input: $product) {\n      id\n    }\n    createCustomer(input: $customer) {\n      id\n    }\n  }\n": types.PropSeedLedgerDocument,
    "\n  mutation PropSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n    }\n  }\n": types.PropSeedInvoiceDocument,
    "\n  query PropViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.PropViewerDocument,
    "\n  query TransportPing {\n    __typename\n  }\n": types.TransportPingDocument,
    "\n  mutation IsoCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": types.IsoCreateProductDocument,
    "\n  mutation IsoCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n": types.IsoCreateCustomerDocument,
    "\n  mutation IsoCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      status\n      customer {\n        id\n      }\n    }\n  }\n": types.IsoCreateInvoiceDocument,
    "\n  mutation IsoRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      invoice {\n        id\n        status\n      }\n    }\n  }\n": types.IsoRecordPaymentDocument,
    "\n  query IsoProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      region\n      allowedScopes\n      createdAt\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n      keys(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.IsoProjectDocument,
    "\n  query IsoKey($id: ID!) {\n    key(id: $id) {\n      id\n      name\n      hint\n      kind\n      status\n      scopes\n      rotatedFrom {\n        id\n      }\n      replacedBy {\n        id\n      }\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.IsoKeyDocument,
    "\n  query IsoCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n      invoices {\n        edges {\n          node {\n            id\n            number\n          }\n        }\n      }\n    }\n  }\n": types.IsoCustomerDocument,
    "\n  query IsoInvoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      amountCents\n      currency\n      status\n      customer {\n        id\n        name\n      }\n      payments {\n        edges {\n          node {\n            id\n            amountCents\n          }\n        }\n      }\n    }\n  }\n": types.IsoInvoiceDocument,
    "\n  query IsoKeysByProject($projectId: ID!) {\n    keys(filter: { projectId: $projectId }, first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.IsoKeysByProjectDocument,
    "\n  query IsoAuditLog($filter: AuditFilter) {\n    auditLog(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n          projectId\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.IsoAuditLogDocument,
    "\n  query IsoInvoicesByCustomer($customerId: ID!) {\n    invoices(filter: { customerId: $customerId }, first: 100) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.IsoInvoicesByCustomerDocument,
    "\n  query IsoOwnProjectKeys($projectId: ID!) {\n    viewer {\n      project {\n        id\n        keys(filter: { projectId: $projectId }, first: 100) {\n          edges {\n            node {\n              id\n              project {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.IsoOwnProjectKeysDocument,
    "\n  query IsoLists {\n    products(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          customer {\n            id\n          }\n        }\n      }\n    }\n    projects(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          project {\n            id\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          projectId\n        }\n      }\n    }\n  }\n": types.IsoListsDocument,
    "\n  mutation IsoUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n": types.IsoUpdateProjectDocument,
    "\n  mutation IsoUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n      scopes\n    }\n  }\n": types.IsoUpdateKeyDocument,
    "\n  mutation IsoRevokeKey($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.IsoRevokeKeyDocument,
    "\n  mutation IsoRotateKey($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.IsoRotateKeyDocument,
    "\n  mutation IsoCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        project {\n          id\n        }\n      }\n      secret\n    }\n  }\n": types.IsoCreateKeyDocument,
    "\n  query IsoTenantState {\n    viewer {\n      project {\n        id\n        name\n        plan\n        region\n        allowedScopes\n        rotationPolicy {\n          maxKeyAgeDays\n          enforce\n        }\n        keys(first: 100) {\n          edges {\n            node {\n              id\n              name\n              status\n              scopes\n              revokedAt\n              revocationReason\n              graceEndsAt\n              allowedIps\n              expiresAt\n              replacedBy {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          country\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          number\n          status\n          amountCents\n          payments {\n            edges {\n              node {\n                id\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n        }\n      }\n    }\n  }\n": types.IsoTenantStateDocument,
    "\n  query IsoViewerStatus {\n    viewer {\n      key {\n        id\n        status\n      }\n      project {\n        id\n      }\n    }\n  }\n": types.IsoViewerStatusDocument,
    "\n  mutation KeyGrantCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        kind\n        scopes\n        project {\n          id\n        }\n      }\n    }\n  }\n": types.KeyGrantCreateDocument,
    "\n  mutation KeyGrantUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n": types.KeyGrantUpdateDocument,
    "\n  mutation KeyGrantRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 60) {\n      secret\n      key {\n        id\n        scopes\n      }\n    }\n  }\n": types.KeyGrantRotateDocument,
    "\n  query KeyGrantGet($id: ID!) {\n    key(id: $id) {\n      id\n      scopes\n      status\n      replacedBy {\n        id\n      }\n    }\n  }\n": types.KeyGrantGetDocument,
    "\n  query KeyGrantKeys($projectId: ID!) {\n    keys(filter: { projectId: $projectId }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.KeyGrantKeysDocument,
    "\n  query KeyGrantViewer {\n    viewer {\n      scopes\n    }\n  }\n": types.KeyGrantViewerDocument,
    "\n  query KeyGrantInvoices {\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.KeyGrantInvoicesDocument,
    "\n  query KeyGrantProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n": types.KeyGrantProjectDocument,
    "\n  mutation KeyGrantUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n": types.KeyGrantUpdateProjectDocument,
    "\n  mutation KeyGrantCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.KeyGrantCreateProjectDocument,
    "\n    mutation KeyGrantRevoke($id: ID!) {\n      revokeKey(id: $id) {\n        id\n        status\n      }\n    }\n  ": types.KeyGrantRevokeDocument,
    "\n  fragment KeyLifeKeyFields on ApiKey {\n    id\n    name\n    kind\n    environment\n    hint\n    scopes\n    status\n    createdAt\n    expiresAt\n    revokedAt\n    revocationReason\n    graceEndsAt\n    allowedIps\n    allowedOrigins\n    rateLimitPerMinute\n    metadata\n    project {\n      id\n    }\n    rotatedFrom {\n      id\n    }\n    replacedBy {\n      id\n    }\n  }\n": types.KeyLifeKeyFieldsFragmentDoc,
    "\n  mutation KeyLifeCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n": types.KeyLifeCreateDocument,
    "\n  query KeyLifeGet($id: ID!) {\n    key(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n": types.KeyLifeGetDocument,
    "\n  query KeyLifeList($filter: KeyFilter, $first: Int, $after: String) {\n    keys(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...KeyLifeKeyFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.KeyLifeListDocument,
    "\n  query KeyLifeProjectKeys($id: ID!) {\n    project(id: $id) {\n      keys {\n        edges {\n          node {\n            ...KeyLifeKeyFields\n          }\n        }\n      }\n    }\n  }\n": types.KeyLifeProjectKeysDocument,
    "\n  query KeyLifeViewer {\n    viewer {\n      key {\n        id\n        name\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n": types.KeyLifeViewerDocument,
    "\n  query KeyLifeLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.KeyLifeLedgerDocument,
    "\n  mutation KeyLifeUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      ...KeyLifeKeyFields\n    }\n  }\n": types.KeyLifeUpdateDocument,
    "\n  mutation KeyLifeRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n": types.KeyLifeRevokeDocument,
    "\n  mutation KeyLifeRevokeWithReason($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      ...KeyLifeKeyFields\n    }\n  }\n": types.KeyLifeRevokeWithReasonDocument,
    "\n  mutation KeyLifeRotate($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n": types.KeyLifeRotateDocument,
    "\n  mutation KeyLifeRotateDefault($id: ID!) {\n    rotateKey(id: $id) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n": types.KeyLifeRotateDefaultDocument,
    "\n  mutation KeyLifeCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n": types.KeyLifeCreateProjectDocument,
    "\n  query LifecycleViewer {\n    viewer {\n      key {\n        id\n        status\n        enabled\n      }\n    }\n  }\n": types.LifecycleViewerDocument,
    "\n  mutation LifecycleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      warnings\n      key {\n        id\n        allowedIps\n        allowedOrigins\n      }\n    }\n  }\n": types.LifecycleCreateKeyDocument,
    "\n  mutation LifecycleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n      enabled\n      allowedIps\n      allowedOrigins\n    }\n  }\n": types.LifecycleUpdateKeyDocument,
    "\n  mutation LifecyclePolicyProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.LifecyclePolicyProjectDocument,
    "\n  mutation LifecycleReport($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      revokedKey {\n        id\n        status\n        revocationReason\n        replacedBy {\n          id\n        }\n      }\n      replacement {\n        secret\n        key {\n          id\n          name\n          scopes\n          rotatedFrom {\n            id\n          }\n        }\n      }\n      recentRequests {\n        ip\n        outcome\n      }\n      distinctIps\n    }\n  }\n": types.LifecycleReportDocument,
    "\n  mutation LifecycleLeaked($secrets: [String!]!) {\n    revokeLeakedKeys(secrets: $secrets) {\n      index\n      outcome\n      keyId\n      projectId\n      hint\n    }\n  }\n": types.LifecycleLeakedDocument,
    "\n  query LifecycleAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n        }\n      }\n    }\n  }\n": types.LifecycleAuditDocument,
    "\n  query SharedPartsViewer {\n    viewer {\n      scopes\n    }\n  }\n": types.SharedPartsViewerDocument,
    "\n  mutation SharedPartsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      allowedScopes\n    }\n  }\n": types.SharedPartsUpdateProjectDocument,
    "\n  mutation AnsweredAtOnceLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n    }\n  }\n": types.AnsweredAtOnceLimitedKeyDocument,
    "\n  query BruteForcePing {\n    __typename\n  }\n": types.BruteForcePingDocument,
    "\n  query BruteForceLogs($from: DateTime!) {\n    requestLogs(filter: { from: $from, outcome: RATE_LIMITED }, first: 100) {\n      edges {\n        node {\n          ip\n          keyId\n          httpStatus\n        }\n      }\n    }\n  }\n": types.BruteForceLogsDocument,
    "\n  query JourneyInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.JourneyInvoicesDocument,
    "\n  query JourneyAged {\n    agedReceivables {\n      buckets {\n        label\n      }\n    }\n  }\n": types.JourneyAgedDocument,
    "\n  mutation JourneyGrant($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n    }\n  }\n": types.JourneyGrantDocument,
    "\n  mutation JourneyUpgrade($id: ID!) {\n    updateProject(id: $id, input: { plan: PRO }) {\n      plan\n    }\n  }\n": types.JourneyUpgradeDocument,
    "\n  query CostExpensive($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            id\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CostExpensiveDocument,
    "\n  query CostCheap {\n    invoices(first: 5) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.CostCheapDocument,
    "\n  query CostTooDeep {\n    invoices(first: 1) {\n      edges {\n        node {\n          customer {\n            invoices(first: 1) {\n              edges {\n                node {\n                  customer {\n                    id\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CostTooDeepDocument,
    "\n  mutation CostCreateCustomerDeep($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      invoices(first: 100) {\n        edges {\n          node {\n            payments(first: 100) {\n              edges {\n                node {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CostCreateCustomerDeepDocument,
    "\n  query CostCustomers {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n": types.CostCustomersDocument,
    "\n  query CostLogs($keyId: ID!) {\n    requestLogs(filter: { keyId: $keyId }) {\n      edges {\n        node {\n          operationName\n          outcome\n          httpStatus\n          cost\n        }\n      }\n    }\n  }\n": types.CostLogsDocument,
    "\n  mutation CostSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n": types.CostSetPlanDocument,
    "\n  query QuotaPing {\n    __typename\n  }\n": types.QuotaPingDocument,
    "\n  query QuotaStatus {\n    rateLimit {\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      usageLimit\n      usageRemaining\n    }\n  }\n": types.QuotaStatusDocument,
    "\n  mutation QuotaCreateLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        usageLimit\n        remaining\n      }\n    }\n  }\n": types.QuotaCreateLimitedKeyDocument,
    "\n  query QuotaKeyRemaining($id: ID!) {\n    key(id: $id) {\n      usageLimit\n      remaining\n    }\n  }\n": types.QuotaKeyRemainingDocument,
    "\n  query QuotaViewerRemaining {\n    viewer {\n      key {\n        remaining\n      }\n    }\n  }\n": types.QuotaViewerRemainingDocument,
    "\n  mutation QuotaSetUsageLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { usageLimit: $limit }) {\n      usageLimit\n      remaining\n    }\n  }\n": types.QuotaSetUsageLimitDocument,
    "\n  query LimitsPing {\n    __typename\n  }\n": types.LimitsPingDocument,
    "\n  query LimitsStatus {\n    rateLimit {\n      limitPerMinute\n      remaining\n      resetAt\n      unlimited\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      maxCost\n      maxDepth\n    }\n  }\n": types.LimitsStatusDocument,
    "\n  query LimitsStatusAndViewer {\n    rateLimit {\n      remaining\n    }\n    viewer {\n      scopes\n    }\n  }\n": types.LimitsStatusAndViewerDocument,
    "\n  mutation LimitsSetKeyLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n": types.LimitsSetKeyLimitDocument,
    "\n  mutation LimitsSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n": types.LimitsSetPlanDocument,
    "\n  query LimitsRequests($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          outcome\n          httpStatus\n        }\n      }\n    }\n  }\n": types.LimitsRequestsDocument,
    "\n  query ApiAnomalies($filter: AnomalyFilter, $first: Int, $after: String) {\n    anomalies(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          acknowledgedAt\n          acknowledgedByKeyId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiAnomaliesDocument,
    "\n  mutation ApiAcknowledge($id: ID!) {\n    acknowledgeAnomaly(id: $id) {\n      id\n      acknowledgedAt\n      acknowledgedByKeyId\n    }\n  }\n": types.ApiAcknowledgeDocument,
    "\n  mutation ApiMonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.ApiMonitorCreateKeyDocument,
    "\n  mutation ApiAlertCreate($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n": types.ApiAlertCreateDocument,
    "\n  mutation ApiAlertUpdate($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n": types.ApiAlertUpdateDocument,
    "\n  query ApiMonitorAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n": types.ApiMonitorAuditDocument,
    "\n  mutation MonitorCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n": types.MonitorCreateWebhookDocument,
    "\n  query EscalationAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          evidence\n          suspendedKey\n          key {\n            status\n          }\n        }\n      }\n    }\n  }\n": types.EscalationAnomaliesDocument,
    "\n  query EscalationAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          details\n        }\n      }\n    }\n  }\n": types.EscalationAuditDocument,
    "\n  mutation EscalationCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n": types.EscalationCreateWebhookDocument,
    "\n  mutation EscalationEnableKey($id: ID!) {\n    updateKey(id: $id, input: { enabled: true }) {\n      status\n    }\n  }\n": types.EscalationEnableKeyDocument,
    "\n  mutation MonitorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.MonitorCreateProjectDocument,
    "\n  mutation MonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.MonitorCreateKeyDocument,
    "\n  query MonitorViewer {\n    viewer {\n      scopes\n    }\n  }\n": types.MonitorViewerDocument,
    "\n  query MonitorCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.MonitorCustomersDocument,
    "\n  query BurstAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          kind\n          severity\n          keyId\n          suspendedKey\n          evidence\n        }\n      }\n    }\n  }\n": types.BurstAnomaliesDocument,
    "\n  query SpikeAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          evidence\n          detectedAt\n          acknowledgedAt\n          suspendedKey\n          key {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n": types.SpikeAnomaliesDocument,
    "\n  query SpikeAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n": types.SpikeAuditDocument,
    "\n  query AnnouncePing {\n    __typename\n  }\n": types.AnnouncePingDocument,
    "\n  mutation ScaleCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.ScaleCreateProjectDocument,
    "\n  mutation ScaleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.ScaleCreateKeyDocument,
    "\n  mutation ScaleRevokeKey($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n": types.ScaleRevokeKeyDocument,
    "\n  mutation ScaleRotateKey($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.ScaleRotateKeyDocument,
    "\n  mutation ScaleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      status\n      scopes\n    }\n  }\n": types.ScaleUpdateKeyDocument,
    "\n  query ScaleKey($id: ID!) {\n    key(id: $id) {\n      status\n      revocationReason\n      replacedBy {\n        id\n      }\n    }\n  }\n": types.ScaleKeyDocument,
    "\n  query ScaleViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.ScaleViewerDocument,
    "\n  query ScaleProducts {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n": types.ScaleProductsDocument,
    "\n  query ScaleLedger {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n    customers(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n": types.ScaleLedgerDocument,
    "\n  query ScaleRateLimit {\n    rateLimit {\n      limitPerMinute\n      remaining\n    }\n  }\n": types.ScaleRateLimitDocument,
    "\n  query ScaleUsage($filter: UsageFilter!) {\n    usage(filter: $filter) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n    }\n  }\n": types.ScaleUsageDocument,
    "\n  query FailoverViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n": types.FailoverViewerDocument,
    "\n  query NoRedisPing {\n    __typename\n  }\n": types.NoRedisPingDocument,
    "\n  query OutagePing {\n    __typename\n  }\n": types.OutagePingDocument,
    "\n  mutation OutageSetLimit($id: ID!, $limit: Int!) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n": types.OutageSetLimitDocument,
    "\n  query PageKeys($first: Int, $after: String) {\n    keys(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n": types.PageKeysDocument,
    "\n  query PageAudit {\n    auditLog(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n": types.PageAuditDocument,
    "\n  query SecretsViewer {\n    viewer {\n      key {\n        id\n        status\n      }\n    }\n  }\n": types.SecretsViewerDocument,
    "\n  mutation SecretsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n        hint\n      }\n      secret\n    }\n  }\n": types.SecretsRotateDocument,
    "\n  mutation SecretsRevoke($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n": types.SecretsRevokeDocument,
    "\n  mutation SecretsUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.SecretsUpdateDocument,
    "\n  query SecretsKeyHints {\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          hint\n        }\n      }\n    }\n  }\n": types.SecretsKeyHintsDocument,
    "\n  mutation SecretsOutCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.SecretsOutCreateProjectDocument,
    "\n  mutation SecretsOutCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.SecretsOutCreateKeyDocument,
    "\n  mutation SecretsOutRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.SecretsOutRotateDocument,
    "\n  mutation SecretsOutRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": types.SecretsOutRevokeDocument,
    "\n  query SecretsOutViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.SecretsOutViewerDocument,
    "\n  query IngestDialectsLogs($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n    }\n  }\n": types.IngestDialectsLogsDocument,
    "\n  query LogsProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.LogsProductsDocument,
    "\n  query LogsCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.LogsCustomersDocument,
    "\n  mutation LogsCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n": types.LogsCreateProductDocument,
    "\n  mutation LogsRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": types.LogsRevokeDocument,
    "\n  query RecorderViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n      project {\n        id\n      }\n    }\n  }\n": types.RecorderViewerDocument,
    "\n  query RecorderAdminProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.RecorderAdminProductsDocument,
    "\n  query RecorderPoison {\n    scopes {\n      name\n    }\n  }\n": types.RecorderPoisonDocument,
    "\n  query ReportProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ReportProductsDocument,
    "\n  query ReportCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ReportCustomersDocument,
    "\n  query ReportViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n": types.ReportViewerDocument,
    "\n  mutation ReportRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": types.ReportRevokeDocument,
    "\n  mutation UsageLogsCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.UsageLogsCreateProjectDocument,
    "\n  mutation UsageLogsRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n": types.UsageLogsRevokeKeyDocument,
    "\n  query UsageLogsProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageLogsProductsDocument,
    "\n  query UsageLogsProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageLogsProductsAndCustomersDocument,
    "\n  query UsageLogsList($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          cost\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UsageLogsListDocument,
    "\n  query ShutdownViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n    }\n  }\n": types.ShutdownViewerDocument,
    "\n  query ShutdownProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ShutdownProductsDocument,
    "\n  mutation ShutdownCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.ShutdownCreateProjectDocument,
    "\n  mutation ShutdownCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.ShutdownCreateKeyDocument,
    "\n  mutation ShutdownRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n": types.ShutdownRevokeKeyDocument,
    "\n  mutation UsageQCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.UsageQCreateProjectDocument,
    "\n  mutation UsageQRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n": types.UsageQRevokeKeyDocument,
    "\n  query UsageQProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageQProductsDocument,
    "\n  query UsageQProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageQProductsAndCustomersDocument,
    "\n  query UsageQViewerScopes {\n    viewer {\n      scopes\n    }\n  }\n": types.UsageQViewerScopesDocument,
    "\n  query UsageQReport($filter: UsageFilter!, $granularity: Granularity) {\n    usage(filter: $filter, granularity: $granularity) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n      series {\n        bucket\n        requests\n        denied\n        cost\n      }\n    }\n  }\n": types.UsageQReportDocument,
    "\n  query UsageQFieldUsage($filter: UsageFilter!, $first: Int, $byRegion: Boolean) {\n    fieldUsage(filter: $filter, first: $first, byRegion: $byRegion) {\n      coordinate\n      region\n      count\n    }\n  }\n": types.UsageQFieldUsageDocument,
    "\n  query UsageQRequestLogIds($filter: RequestLogFilter, $first: Int) {\n    requestLogs(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n          projectId\n          keyId\n          outcome\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.UsageQRequestLogIdsDocument,
    "\n  query UsageQAllFields($filter: UsageFilter!, $logFilter: RequestLogFilter) {\n    viewer {\n      scopes\n    }\n    usage(filter: $filter) {\n      total\n    }\n    fieldUsage(filter: $filter) {\n      coordinate\n    }\n    requestLogs(filter: $logFilter) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UsageQAllFieldsDocument,
    "\n  query UsageQMeteringStatus {\n    viewer {\n      scopes\n    }\n    meteringStatus {\n      buffered\n      written\n      dropped\n      failedFlushes\n      lastFlushAt\n    }\n  }\n": types.UsageQMeteringStatusDocument,
    "\n  query UsageQKeyLastUsed($id: ID!) {\n    key(id: $id) {\n      id\n      lastUsedAt\n    }\n  }\n": types.UsageQKeyLastUsedDocument,
    "\n  mutation WebhookDeliveryRotateSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n": types.WebhookDeliveryRotateSecretDocument,
    "\n  mutation WebhookDeliveryUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n": types.WebhookDeliveryUpdateDocument,
    "\n  mutation WebhookEventsRevoke($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.WebhookEventsRevokeDocument,
    "\n  mutation WebhookEventsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.WebhookEventsRotateDocument,
    "\n  mutation WebhookEventsCompromised($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      replacement {\n        key {\n          id\n        }\n        secret\n      }\n    }\n  }\n": types.WebhookEventsCompromisedDocument,
    "\n  mutation WebhookEventsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n": types.WebhookEventsUpdateProjectDocument,
    "\n  query WebhookEventsViewer {\n    viewer {\n      scopes\n    }\n  }\n": types.WebhookEventsViewerDocument,
    "\n        mutation WebhookEventsBadKey($input: CreateKeyInput!) {\n          createKey(input: $input) {\n            secret\n          }\n        }\n      ": types.WebhookEventsBadKeyDocument,
    "\n  query WebhookManageGet($id: ID!) {\n    webhook(id: $id) {\n      id\n      projectId\n      project {\n        id\n      }\n      url\n      events\n      enabled\n      createdAt\n      updatedAt\n    }\n  }\n": types.WebhookManageGetDocument,
    "\n  query WebhookManageList($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          projectId\n          url\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WebhookManageListDocument,
    "\n  mutation WebhookManageUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      url\n      events\n      enabled\n      updatedAt\n    }\n  }\n": types.WebhookManageUpdateDocument,
    "\n  mutation WebhookManageDelete($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedWebhookId\n    }\n  }\n": types.WebhookManageDeleteDocument,
    "\n  mutation WebhookManageRotate($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n    }\n  }\n": types.WebhookManageRotateDocument,
    "\n  query WebhookManageAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n          actorKeyId\n          projectId\n          details\n        }\n      }\n    }\n  }\n": types.WebhookManageAuditDocument,
    "\n  mutation WebhookHelperCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        projectId\n        url\n        events\n        enabled\n        createdAt\n        updatedAt\n      }\n    }\n  }\n": types.WebhookHelperCreateDocument,
    "\n  query WebhookHelperDeliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int) {\n    webhook(id: $id) {\n      id\n      deliveries(status: $status, first: $first) {\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            payload\n            status\n            attemptCount\n            lastStatusCode\n            lastError\n            nextAttemptAt\n            createdAt\n            deliveredAt\n            attempts {\n              attempt\n              at\n              statusCode\n              error\n              durationMs\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.WebhookHelperDeliveriesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogList($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          actorKeyId\n          action\n          targetId\n          projectId\n          ip\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLogList($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          actorKeyId\n          action\n          targetId\n          projectId\n          ip\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogWithViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n    auditLog {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLogWithViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n    auditLog {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuditCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuditUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        hint\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AuditCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        hint\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuditUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditRevokeKey($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuditRevokeKey($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuditRotateKey($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AuditRotateKey($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzAdminViewer {\n    viewer {\n      key {\n        kind\n        project {\n          id\n        }\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AuthzAdminViewer {\n    viewer {\n      key {\n        kind\n        project {\n          id\n        }\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzAdminLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    agedReceivables {\n      asOf\n    }\n    projects(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzAdminLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    agedReceivables {\n      asOf\n    }\n    projects(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzAdminCustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query AuthzAdminCustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzAdminCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzAdminCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzScopeCatalog {\n    scopes {\n      name\n      description\n      publishable\n      premium\n    }\n  }\n"): (typeof documents)["\n  query AuthzScopeCatalog {\n    scopes {\n      name\n      description\n      publishable\n      premium\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzDirectiveIntrospection {\n    __schema {\n      directives {\n        name\n        locations\n        args {\n          name\n          type {\n            kind\n            ofType {\n              kind\n              ofType {\n                kind\n                ofType {\n                  kind\n                  ofType {\n                    kind\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzDirectiveIntrospection {\n    __schema {\n      directives {\n        name\n        locations\n        args {\n          name\n          type {\n            kind\n            ofType {\n              kind\n              ofType {\n                kind\n                ofType {\n                  kind\n                  ofType {\n                    kind\n                    name\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzAgedBuckets {\n    agedReceivables {\n      asOf\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzAgedBuckets {\n    agedReceivables {\n      asOf\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzInvoicesWithCustomer {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          customer {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzInvoicesWithCustomer {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          customer {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzCustomerEmail($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n    }\n  }\n"): (typeof documents)["\n  query AuthzCustomerEmail($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzCustomersEmails {\n    customers {\n      edges {\n        node {\n          name\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzCustomersEmails {\n    customers {\n      edges {\n        node {\n          name\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzViewerScopes {\n    viewer {\n      key {\n        id\n        kind\n        scopes\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AuthzViewerScopes {\n    viewer {\n      key {\n        id\n        kind\n        scopes\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzInvoiceNumbers {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          status\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzInvoiceNumbers {\n    invoices {\n      edges {\n        node {\n          number\n          amountCents\n          status\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzInvoicePayments($id: ID!) {\n    invoice(id: $id) {\n      number\n      payments {\n        edges {\n          node {\n            amountCents\n            method\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzInvoicePayments($id: ID!) {\n    invoice(id: $id) {\n      number\n      payments {\n        edges {\n          node {\n            amountCents\n            method\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzCustomersAndInvoices {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzCustomersAndInvoices {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzCreateInvoiceOnly($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzCreateInvoiceOnly($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzKeysList {\n    keys {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzKeysList {\n    keys {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzViewerProjectKeys {\n    viewer {\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzViewerProjectKeys {\n    viewer {\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzCreateProjectAsKey($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzCreateProjectAsKey($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzAllProjectNames {\n    projects(first: 100) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzAllProjectNames {\n    projects(first: 100) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzUpdateOwnProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzUpdateOwnProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzLedgerCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      amountCents\n      currency\n      status\n      issuedAt\n      dueAt\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzLedgerCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      amountCents\n      currency\n      status\n      issuedAt\n      dueAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzLedgerRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      method\n      receivedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzLedgerRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      method\n      receivedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzLedgerCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzLedgerCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzLedgerInvoice($id: ID!) {\n    invoice(id: $id) {\n      number\n      status\n      amountCents\n      payments {\n        edges {\n          node {\n            amountCents\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzLedgerInvoice($id: ID!) {\n    invoice(id: $id) {\n      number\n      status\n      amountCents\n      payments {\n        edges {\n          node {\n            amountCents\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzLedgerInvoiceList {\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzLedgerInvoiceList {\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzSeedCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzSeedCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzSeedPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzSeedPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzSeedUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      plan\n      allowedScopes\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzSeedUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      plan\n      allowedScopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzPubCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzPubCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzPubProductsAndInvoices {\n    products {\n      edges {\n        node {\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthzPubProductsAndInvoices {\n    products {\n      edges {\n        node {\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    invoices {\n      edges {\n        node {\n          number\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzPubViewer {\n    viewer {\n      key {\n        kind\n        scopes\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AuthzPubViewer {\n    viewer {\n      key {\n        kind\n        scopes\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzPubCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        kind\n        scopes\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzPubCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        kind\n        scopes\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthzPubUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n"): (typeof documents)["\n  mutation AuthzPubUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthzPremiumAged {\n    agedReceivables {\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AuthzPremiumAged {\n    agedReceivables {\n      buckets {\n        label\n        amountCents\n        invoiceCount\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliViewer {\n    viewer {\n      key {\n        name\n        kind\n        status\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query CliViewer {\n    viewer {\n      key {\n        name\n        kind\n        status\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageCliProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageCliProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageCliCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageCliCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputPing {\n    __typename\n  }\n"): (typeof documents)["\n  query BadInputPing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BadInputNamedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        name\n        metadata\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BadInputNamedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        name\n        metadata\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BadInputProject($name: String!) {\n    createProject(input: { name: $name, allowedScopes: [\"products:read\"] }) {\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation BadInputProject($name: String!) {\n    createProject(input: { name: $name, allowedScopes: [\"products:read\"] }) {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BadInputInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EdgeSchemaName {\n    __schema {\n      queryType {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query EdgeSchemaName {\n    __schema {\n      queryType {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EdgeTypeName {\n    __type(name: \"Viewer\") {\n      name\n    }\n  }\n"): (typeof documents)["\n  query EdgeTypeName {\n    __type(name: \"Viewer\") {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EdgeSchemaAndViewer {\n    __schema {\n      queryType {\n        name\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query EdgeSchemaAndViewer {\n    __schema {\n      queryType {\n        name\n      }\n    }\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EdgeViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query EdgeViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultsViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query FaultsViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultsPing {\n    __typename\n  }\n"): (typeof documents)["\n  query FaultsPing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardenReportLogs($operationName: String) {\n    requestLogs(filter: { operationName: $operationName }, first: 10) {\n      edges {\n        node {\n          outcome\n          httpStatus\n          operationType\n          keyId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HardenReportLogs($operationName: String) {\n    requestLogs(filter: { operationName: $operationName }, first: 10) {\n      edges {\n        node {\n          outcome\n          httpStatus\n          operationType\n          keyId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation PropCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PropRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PropUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropSeedLedger($product: CreateProductInput!, $customer: CreateCustomerInput!) {\n    createProduct(input: $product) {\n      id\n    }\n    createCustomer(input: $customer) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PropSeedLedger($product: CreateProductInput!, $customer: CreateCustomerInput!) {\n    createProduct(input: $product) {\n      id\n    }\n    createCustomer(input: $customer) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PropSeedInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PropViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query PropViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransportPing {\n    __typename\n  }\n"): (typeof documents)["\n  query TransportPing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation IsoCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation IsoCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      status\n      customer {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoCreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      id\n      number\n      status\n      customer {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      invoice {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amountCents\n      invoice {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      region\n      allowedScopes\n      createdAt\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n      keys(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      region\n      allowedScopes\n      createdAt\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n      keys(first: 100) {\n        edges {\n          node {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoKey($id: ID!) {\n    key(id: $id) {\n      id\n      name\n      hint\n      kind\n      status\n      scopes\n      rotatedFrom {\n        id\n      }\n      replacedBy {\n        id\n      }\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoKey($id: ID!) {\n    key(id: $id) {\n      id\n      name\n      hint\n      kind\n      status\n      scopes\n      rotatedFrom {\n        id\n      }\n      replacedBy {\n        id\n      }\n      project {\n        id\n        name\n        keys {\n          edges {\n            node {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n      invoices {\n        edges {\n          node {\n            id\n            number\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n      email\n      country\n      invoices {\n        edges {\n          node {\n            id\n            number\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoInvoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      amountCents\n      currency\n      status\n      customer {\n        id\n        name\n      }\n      payments {\n        edges {\n          node {\n            id\n            amountCents\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoInvoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      amountCents\n      currency\n      status\n      customer {\n        id\n        name\n      }\n      payments {\n        edges {\n          node {\n            id\n            amountCents\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoKeysByProject($projectId: ID!) {\n    keys(filter: { projectId: $projectId }, first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoKeysByProject($projectId: ID!) {\n    keys(filter: { projectId: $projectId }, first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoAuditLog($filter: AuditFilter) {\n    auditLog(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n          projectId\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoAuditLog($filter: AuditFilter) {\n    auditLog(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n          projectId\n          details\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoInvoicesByCustomer($customerId: ID!) {\n    invoices(filter: { customerId: $customerId }, first: 100) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoInvoicesByCustomer($customerId: ID!) {\n    invoices(filter: { customerId: $customerId }, first: 100) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoOwnProjectKeys($projectId: ID!) {\n    viewer {\n      project {\n        id\n        keys(filter: { projectId: $projectId }, first: 100) {\n          edges {\n            node {\n              id\n              project {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoOwnProjectKeys($projectId: ID!) {\n    viewer {\n      project {\n        id\n        keys(filter: { projectId: $projectId }, first: 100) {\n          edges {\n            node {\n              id\n              project {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoLists {\n    products(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          customer {\n            id\n          }\n        }\n      }\n    }\n    projects(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          project {\n            id\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          projectId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoLists {\n    products(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          customer {\n            id\n          }\n        }\n      }\n    }\n    projects(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          project {\n            id\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          projectId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n"): (typeof documents)["\n  mutation IsoUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n      scopes\n    }\n  }\n"): (typeof documents)["\n  mutation IsoUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoRevokeKey($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation IsoRevokeKey($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoRotateKey($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation IsoRotateKey($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        project {\n          id\n        }\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation IsoCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n        project {\n          id\n        }\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoTenantState {\n    viewer {\n      project {\n        id\n        name\n        plan\n        region\n        allowedScopes\n        rotationPolicy {\n          maxKeyAgeDays\n          enforce\n        }\n        keys(first: 100) {\n          edges {\n            node {\n              id\n              name\n              status\n              scopes\n              revokedAt\n              revocationReason\n              graceEndsAt\n              allowedIps\n              expiresAt\n              replacedBy {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          country\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          number\n          status\n          amountCents\n          payments {\n            edges {\n              node {\n                id\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoTenantState {\n    viewer {\n      project {\n        id\n        name\n        plan\n        region\n        allowedScopes\n        rotationPolicy {\n          maxKeyAgeDays\n          enforce\n        }\n        keys(first: 100) {\n          edges {\n            node {\n              id\n              name\n              status\n              scopes\n              revokedAt\n              revocationReason\n              graceEndsAt\n              allowedIps\n              expiresAt\n              replacedBy {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n    products(first: 100) {\n      edges {\n        node {\n          id\n          name\n          priceCents\n          currency\n        }\n      }\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n          name\n          email\n          country\n        }\n      }\n    }\n    invoices(first: 100) {\n      edges {\n        node {\n          id\n          number\n          status\n          amountCents\n          payments {\n            edges {\n              node {\n                id\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n    auditLog(first: 100) {\n      edges {\n        node {\n          id\n          action\n          targetId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoViewerStatus {\n    viewer {\n      key {\n        id\n        status\n      }\n      project {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoViewerStatus {\n    viewer {\n      key {\n        id\n        status\n      }\n      project {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyGrantCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        kind\n        scopes\n        project {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyGrantCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        kind\n        scopes\n        project {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyGrantUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n"): (typeof documents)["\n  mutation KeyGrantUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyGrantRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 60) {\n      secret\n      key {\n        id\n        scopes\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyGrantRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 60) {\n      secret\n      key {\n        id\n        scopes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyGrantGet($id: ID!) {\n    key(id: $id) {\n      id\n      scopes\n      status\n      replacedBy {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyGrantGet($id: ID!) {\n    key(id: $id) {\n      id\n      scopes\n      status\n      replacedBy {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyGrantKeys($projectId: ID!) {\n    keys(filter: { projectId: $projectId }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyGrantKeys($projectId: ID!) {\n    keys(filter: { projectId: $projectId }) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyGrantViewer {\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query KeyGrantViewer {\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyGrantInvoices {\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyGrantInvoices {\n    invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyGrantProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyGrantProject($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyGrantUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyGrantUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      plan\n      allowedScopes\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyGrantCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation KeyGrantCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation KeyGrantRevoke($id: ID!) {\n      revokeKey(id: $id) {\n        id\n        status\n      }\n    }\n  "): (typeof documents)["\n    mutation KeyGrantRevoke($id: ID!) {\n      revokeKey(id: $id) {\n        id\n        status\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KeyLifeKeyFields on ApiKey {\n    id\n    name\n    kind\n    environment\n    hint\n    scopes\n    status\n    createdAt\n    expiresAt\n    revokedAt\n    revocationReason\n    graceEndsAt\n    allowedIps\n    allowedOrigins\n    rateLimitPerMinute\n    metadata\n    project {\n      id\n    }\n    rotatedFrom {\n      id\n    }\n    replacedBy {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment KeyLifeKeyFields on ApiKey {\n    id\n    name\n    kind\n    environment\n    hint\n    scopes\n    status\n    createdAt\n    expiresAt\n    revokedAt\n    revocationReason\n    graceEndsAt\n    allowedIps\n    allowedOrigins\n    rateLimitPerMinute\n    metadata\n    project {\n      id\n    }\n    rotatedFrom {\n      id\n    }\n    replacedBy {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeCreate($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyLifeGet($id: ID!) {\n    key(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n"): (typeof documents)["\n  query KeyLifeGet($id: ID!) {\n    key(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyLifeList($filter: KeyFilter, $first: Int, $after: String) {\n    keys(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...KeyLifeKeyFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyLifeList($filter: KeyFilter, $first: Int, $after: String) {\n    keys(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...KeyLifeKeyFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyLifeProjectKeys($id: ID!) {\n    project(id: $id) {\n      keys {\n        edges {\n          node {\n            ...KeyLifeKeyFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyLifeProjectKeys($id: ID!) {\n    project(id: $id) {\n      keys {\n        edges {\n          node {\n            ...KeyLifeKeyFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyLifeViewer {\n    viewer {\n      key {\n        id\n        name\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query KeyLifeViewer {\n    viewer {\n      key {\n        id\n        name\n      }\n      project {\n        id\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyLifeLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyLifeLedger {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      ...KeyLifeKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      ...KeyLifeKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      ...KeyLifeKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeRevokeWithReason($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      ...KeyLifeKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeRevokeWithReason($id: ID!, $reason: RevocationReason!) {\n    revokeKey(id: $id, reason: $reason) {\n      ...KeyLifeKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeRotate($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeRotate($id: ID!, $grace: Int!) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeRotateDefault($id: ID!) {\n    rotateKey(id: $id) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeRotateDefault($id: ID!) {\n    rotateKey(id: $id) {\n      secret\n      key {\n        ...KeyLifeKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeyLifeCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation KeyLifeCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      rotationPolicy {\n        maxKeyAgeDays\n        enforce\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LifecycleViewer {\n    viewer {\n      key {\n        id\n        status\n        enabled\n      }\n    }\n  }\n"): (typeof documents)["\n  query LifecycleViewer {\n    viewer {\n      key {\n        id\n        status\n        enabled\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      warnings\n      key {\n        id\n        allowedIps\n        allowedOrigins\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      warnings\n      key {\n        id\n        allowedIps\n        allowedOrigins\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n      enabled\n      allowedIps\n      allowedOrigins\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      status\n      enabled\n      allowedIps\n      allowedOrigins\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecyclePolicyProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation LifecyclePolicyProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleReport($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      revokedKey {\n        id\n        status\n        revocationReason\n        replacedBy {\n          id\n        }\n      }\n      replacement {\n        secret\n        key {\n          id\n          name\n          scopes\n          rotatedFrom {\n            id\n          }\n        }\n      }\n      recentRequests {\n        ip\n        outcome\n      }\n      distinctIps\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleReport($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      revokedKey {\n        id\n        status\n        revocationReason\n        replacedBy {\n          id\n        }\n      }\n      replacement {\n        secret\n        key {\n          id\n          name\n          scopes\n          rotatedFrom {\n            id\n          }\n        }\n      }\n      recentRequests {\n        ip\n        outcome\n      }\n      distinctIps\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleLeaked($secrets: [String!]!) {\n    revokeLeakedKeys(secrets: $secrets) {\n      index\n      outcome\n      keyId\n      projectId\n      hint\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleLeaked($secrets: [String!]!) {\n    revokeLeakedKeys(secrets: $secrets) {\n      index\n      outcome\n      keyId\n      projectId\n      hint\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LifecycleAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LifecycleAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedPartsViewer {\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query SharedPartsViewer {\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SharedPartsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      allowedScopes\n    }\n  }\n"): (typeof documents)["\n  mutation SharedPartsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      allowedScopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnsweredAtOnceLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation AnsweredAtOnceLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BruteForcePing {\n    __typename\n  }\n"): (typeof documents)["\n  query BruteForcePing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BruteForceLogs($from: DateTime!) {\n    requestLogs(filter: { from: $from, outcome: RATE_LIMITED }, first: 100) {\n      edges {\n        node {\n          ip\n          keyId\n          httpStatus\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BruteForceLogs($from: DateTime!) {\n    requestLogs(filter: { from: $from, outcome: RATE_LIMITED }, first: 100) {\n      edges {\n        node {\n          ip\n          keyId\n          httpStatus\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JourneyInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query JourneyInvoices($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                amountCents\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JourneyAged {\n    agedReceivables {\n      buckets {\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  query JourneyAged {\n    agedReceivables {\n      buckets {\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JourneyGrant($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation JourneyGrant($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JourneyUpgrade($id: ID!) {\n    updateProject(id: $id, input: { plan: PRO }) {\n      plan\n    }\n  }\n"): (typeof documents)["\n  mutation JourneyUpgrade($id: ID!) {\n    updateProject(id: $id, input: { plan: PRO }) {\n      plan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostExpensive($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            id\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CostExpensive($first: Int) {\n    invoices(first: $first) {\n      edges {\n        node {\n          id\n          customer {\n            id\n            name\n          }\n          payments(first: 10) {\n            edges {\n              node {\n                id\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostCheap {\n    invoices(first: 5) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query CostCheap {\n    invoices(first: 5) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostTooDeep {\n    invoices(first: 1) {\n      edges {\n        node {\n          customer {\n            invoices(first: 1) {\n              edges {\n                node {\n                  customer {\n                    id\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CostTooDeep {\n    invoices(first: 1) {\n      edges {\n        node {\n          customer {\n            invoices(first: 1) {\n              edges {\n                node {\n                  customer {\n                    id\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CostCreateCustomerDeep($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      invoices(first: 100) {\n        edges {\n          node {\n            payments(first: 100) {\n              edges {\n                node {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CostCreateCustomerDeep($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      invoices(first: 100) {\n        edges {\n          node {\n            payments(first: 100) {\n              edges {\n                node {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostCustomers {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CostCustomers {\n    customers {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostLogs($keyId: ID!) {\n    requestLogs(filter: { keyId: $keyId }) {\n      edges {\n        node {\n          operationName\n          outcome\n          httpStatus\n          cost\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CostLogs($keyId: ID!) {\n    requestLogs(filter: { keyId: $keyId }) {\n      edges {\n        node {\n          operationName\n          outcome\n          httpStatus\n          cost\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CostSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n"): (typeof documents)["\n  mutation CostSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuotaPing {\n    __typename\n  }\n"): (typeof documents)["\n  query QuotaPing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuotaStatus {\n    rateLimit {\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      usageLimit\n      usageRemaining\n    }\n  }\n"): (typeof documents)["\n  query QuotaStatus {\n    rateLimit {\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      usageLimit\n      usageRemaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuotaCreateLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        usageLimit\n        remaining\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation QuotaCreateLimitedKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      secret\n      key {\n        id\n        usageLimit\n        remaining\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuotaKeyRemaining($id: ID!) {\n    key(id: $id) {\n      usageLimit\n      remaining\n    }\n  }\n"): (typeof documents)["\n  query QuotaKeyRemaining($id: ID!) {\n    key(id: $id) {\n      usageLimit\n      remaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuotaViewerRemaining {\n    viewer {\n      key {\n        remaining\n      }\n    }\n  }\n"): (typeof documents)["\n  query QuotaViewerRemaining {\n    viewer {\n      key {\n        remaining\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuotaSetUsageLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { usageLimit: $limit }) {\n      usageLimit\n      remaining\n    }\n  }\n"): (typeof documents)["\n  mutation QuotaSetUsageLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { usageLimit: $limit }) {\n      usageLimit\n      remaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LimitsPing {\n    __typename\n  }\n"): (typeof documents)["\n  query LimitsPing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LimitsStatus {\n    rateLimit {\n      limitPerMinute\n      remaining\n      resetAt\n      unlimited\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      maxCost\n      maxDepth\n    }\n  }\n"): (typeof documents)["\n  query LimitsStatus {\n    rateLimit {\n      limitPerMinute\n      remaining\n      resetAt\n      unlimited\n      quotaPerMonth\n      quotaRemaining\n      quotaResetAt\n      maxCost\n      maxDepth\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LimitsStatusAndViewer {\n    rateLimit {\n      remaining\n    }\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query LimitsStatusAndViewer {\n    rateLimit {\n      remaining\n    }\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsSetKeyLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n"): (typeof documents)["\n  mutation LimitsSetKeyLimit($id: ID!, $limit: Int) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n"): (typeof documents)["\n  mutation LimitsSetPlan($id: ID!, $plan: Plan!) {\n    updateProject(id: $id, input: { plan: $plan }) {\n      plan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LimitsRequests($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          outcome\n          httpStatus\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LimitsRequests($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          outcome\n          httpStatus\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiAnomalies($filter: AnomalyFilter, $first: Int, $after: String) {\n    anomalies(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          acknowledgedAt\n          acknowledgedByKeyId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiAnomalies($filter: AnomalyFilter, $first: Int, $after: String) {\n    anomalies(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          acknowledgedAt\n          acknowledgedByKeyId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiAcknowledge($id: ID!) {\n    acknowledgeAnomaly(id: $id) {\n      id\n      acknowledgedAt\n      acknowledgedByKeyId\n    }\n  }\n"): (typeof documents)["\n  mutation ApiAcknowledge($id: ID!) {\n    acknowledgeAnomaly(id: $id) {\n      id\n      acknowledgedAt\n      acknowledgedByKeyId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiMonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation ApiMonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiAlertCreate($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiAlertCreate($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiAlertUpdate($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiAlertUpdate($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      alertPolicy {\n        autoSuspend\n        minSeverity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiMonitorAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiMonitorAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MonitorCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MonitorCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EscalationAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          evidence\n          suspendedKey\n          key {\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EscalationAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          evidence\n          suspendedKey\n          key {\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EscalationAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          details\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EscalationAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          details\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EscalationCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EscalationCreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EscalationEnableKey($id: ID!) {\n    updateKey(id: $id, input: { enabled: true }) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation EscalationEnableKey($id: ID!) {\n    updateKey(id: $id, input: { enabled: true }) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MonitorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MonitorCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation MonitorCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonitorViewer {\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query MonitorViewer {\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonitorCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MonitorCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BurstAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          kind\n          severity\n          keyId\n          suspendedKey\n          evidence\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BurstAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          kind\n          severity\n          keyId\n          suspendedKey\n          evidence\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpikeAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          evidence\n          detectedAt\n          acknowledgedAt\n          suspendedKey\n          key {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SpikeAnomalies($filter: AnomalyFilter) {\n    anomalies(filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          severity\n          keyId\n          projectId\n          evidence\n          detectedAt\n          acknowledgedAt\n          suspendedKey\n          key {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpikeAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SpikeAudit($filter: AuditFilter) {\n    auditLog(filter: $filter) {\n      edges {\n        node {\n          action\n          actorKeyId\n          targetId\n          projectId\n          details\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnnouncePing {\n    __typename\n  }\n"): (typeof documents)["\n  query AnnouncePing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleRevokeKey($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleRevokeKey($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleRotateKey($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleRotateKey($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      status\n      scopes\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleUpdateKey($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      status\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleKey($id: ID!) {\n    key(id: $id) {\n      status\n      revocationReason\n      replacedBy {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScaleKey($id: ID!) {\n    key(id: $id) {\n      status\n      revocationReason\n      replacedBy {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScaleViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleProducts {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScaleProducts {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleLedger {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n    customers(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScaleLedger {\n    products(first: 1) {\n      edges {\n        cursor\n      }\n    }\n    customers(first: 1) {\n      edges {\n        cursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleRateLimit {\n    rateLimit {\n      limitPerMinute\n      remaining\n    }\n  }\n"): (typeof documents)["\n  query ScaleRateLimit {\n    rateLimit {\n      limitPerMinute\n      remaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleUsage($filter: UsageFilter!) {\n    usage(filter: $filter) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScaleUsage($filter: UsageFilter!) {\n    usage(filter: $filter) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FailoverViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query FailoverViewer {\n    viewer {\n      key {\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NoRedisPing {\n    __typename\n  }\n"): (typeof documents)["\n  query NoRedisPing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutagePing {\n    __typename\n  }\n"): (typeof documents)["\n  query OutagePing {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OutageSetLimit($id: ID!, $limit: Int!) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n"): (typeof documents)["\n  mutation OutageSetLimit($id: ID!, $limit: Int!) {\n    updateKey(id: $id, input: { rateLimitPerMinute: $limit }) {\n      rateLimitPerMinute\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageKeys($first: Int, $after: String) {\n    keys(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PageKeys($first: Int, $after: String) {\n    keys(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageAudit {\n    auditLog(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PageAudit {\n    auditLog(first: 1) {\n      pageInfo {\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsViewer {\n    viewer {\n      key {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretsViewer {\n    viewer {\n      key {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n        hint\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n        hint\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsRevoke($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsRevoke($id: ID!) {\n    revokeKey(id: $id, reason: COMPROMISED) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsUpdate($id: ID!, $input: UpdateKeyInput!) {\n    updateKey(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsKeyHints {\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          hint\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretsKeyHints {\n    keys(first: 100) {\n      edges {\n        node {\n          id\n          hint\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsOutCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsOutCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsOutCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsOutCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsOutRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsOutRotate($id: ID!) {\n    rotateKey(id: $id, gracePeriodSeconds: 0) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecretsOutRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SecretsOutRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsOutViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretsOutViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestDialectsLogs($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IngestDialectsLogs($filter: RequestLogFilter) {\n    requestLogs(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogsProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LogsProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogsCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LogsCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogsCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation LogsCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogsRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation LogsRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecorderViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n      project {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecorderViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n      project {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecorderAdminProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecorderAdminProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecorderPoison {\n    scopes {\n      name\n    }\n  }\n"): (typeof documents)["\n  query RecorderPoison {\n    scopes {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportCustomers {\n    customers(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportViewer {\n    viewer {\n      key {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReportRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsageLogsCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UsageLogsCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsageLogsRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UsageLogsRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageLogsProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageLogsProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageLogsProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageLogsProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageLogsList($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          cost\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageLogsList($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          keyId\n          projectId\n          operationName\n          operationType\n          outcome\n          httpStatus\n          durationMs\n          cost\n          ip\n          region\n          userAgent\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShutdownViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ShutdownViewer {\n    viewer {\n      key {\n        kind\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShutdownProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ShutdownProducts {\n    products(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShutdownCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ShutdownCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShutdownCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation ShutdownCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShutdownRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ShutdownRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsageQCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UsageQCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsageQRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UsageQRevokeKey($id: ID!) {\n    revokeKey(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageQProducts {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageQProductsAndCustomers {\n    products {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    customers {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQViewerScopes {\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query UsageQViewerScopes {\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQReport($filter: UsageFilter!, $granularity: Granularity) {\n    usage(filter: $filter, granularity: $granularity) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n      series {\n        bucket\n        requests\n        denied\n        cost\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageQReport($filter: UsageFilter!, $granularity: Granularity) {\n    usage(filter: $filter, granularity: $granularity) {\n      total\n      byOutcome {\n        outcome\n        count\n      }\n      series {\n        bucket\n        requests\n        denied\n        cost\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQFieldUsage($filter: UsageFilter!, $first: Int, $byRegion: Boolean) {\n    fieldUsage(filter: $filter, first: $first, byRegion: $byRegion) {\n      coordinate\n      region\n      count\n    }\n  }\n"): (typeof documents)["\n  query UsageQFieldUsage($filter: UsageFilter!, $first: Int, $byRegion: Boolean) {\n    fieldUsage(filter: $filter, first: $first, byRegion: $byRegion) {\n      coordinate\n      region\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQRequestLogIds($filter: RequestLogFilter, $first: Int) {\n    requestLogs(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n          projectId\n          keyId\n          outcome\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageQRequestLogIds($filter: RequestLogFilter, $first: Int) {\n    requestLogs(filter: $filter, first: $first) {\n      edges {\n        node {\n          id\n          projectId\n          keyId\n          outcome\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQAllFields($filter: UsageFilter!, $logFilter: RequestLogFilter) {\n    viewer {\n      scopes\n    }\n    usage(filter: $filter) {\n      total\n    }\n    fieldUsage(filter: $filter) {\n      coordinate\n    }\n    requestLogs(filter: $logFilter) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsageQAllFields($filter: UsageFilter!, $logFilter: RequestLogFilter) {\n    viewer {\n      scopes\n    }\n    usage(filter: $filter) {\n      total\n    }\n    fieldUsage(filter: $filter) {\n      coordinate\n    }\n    requestLogs(filter: $logFilter) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQMeteringStatus {\n    viewer {\n      scopes\n    }\n    meteringStatus {\n      buffered\n      written\n      dropped\n      failedFlushes\n      lastFlushAt\n    }\n  }\n"): (typeof documents)["\n  query UsageQMeteringStatus {\n    viewer {\n      scopes\n    }\n    meteringStatus {\n      buffered\n      written\n      dropped\n      failedFlushes\n      lastFlushAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsageQKeyLastUsed($id: ID!) {\n    key(id: $id) {\n      id\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  query UsageQKeyLastUsed($id: ID!) {\n    key(id: $id) {\n      id\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookDeliveryRotateSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookDeliveryRotateSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookDeliveryUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookDeliveryUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      enabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookEventsRevoke($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookEventsRevoke($id: ID!, $reason: RevocationReason) {\n    revokeKey(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookEventsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookEventsRotate($id: ID!, $grace: Int) {\n    rotateKey(id: $id, gracePeriodSeconds: $grace) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookEventsCompromised($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      replacement {\n        key {\n          id\n        }\n        secret\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookEventsCompromised($id: ID!) {\n    reportCompromisedKey(id: $id) {\n      replacement {\n        key {\n          id\n        }\n        secret\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookEventsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookEventsUpdateProject($id: ID!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEventsViewer {\n    viewer {\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query WebhookEventsViewer {\n    viewer {\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation WebhookEventsBadKey($input: CreateKeyInput!) {\n          createKey(input: $input) {\n            secret\n          }\n        }\n      "): (typeof documents)["\n        mutation WebhookEventsBadKey($input: CreateKeyInput!) {\n          createKey(input: $input) {\n            secret\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookManageGet($id: ID!) {\n    webhook(id: $id) {\n      id\n      projectId\n      project {\n        id\n      }\n      url\n      events\n      enabled\n      createdAt\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query WebhookManageGet($id: ID!) {\n    webhook(id: $id) {\n      id\n      projectId\n      project {\n        id\n      }\n      url\n      events\n      enabled\n      createdAt\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookManageList($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          projectId\n          url\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookManageList($projectId: ID, $first: Int, $after: String) {\n    webhooks(projectId: $projectId, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          projectId\n          url\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookManageUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      url\n      events\n      enabled\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookManageUpdate($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      id\n      url\n      events\n      enabled\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookManageDelete($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedWebhookId\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookManageDelete($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedWebhookId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookManageRotate($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookManageRotate($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookManageAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n          actorKeyId\n          projectId\n          details\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookManageAudit($targetId: ID!) {\n    auditLog(filter: { targetId: $targetId }) {\n      edges {\n        node {\n          action\n          actorKeyId\n          projectId\n          details\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookHelperCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        projectId\n        url\n        events\n        enabled\n        createdAt\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookHelperCreate($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        projectId\n        url\n        events\n        enabled\n        createdAt\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookHelperDeliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int) {\n    webhook(id: $id) {\n      id\n      deliveries(status: $status, first: $first) {\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            payload\n            status\n            attemptCount\n            lastStatusCode\n            lastError\n            nextAttemptAt\n            createdAt\n            deliveredAt\n            attempts {\n              attempt\n              at\n              statusCode\n              error\n              durationMs\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookHelperDeliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int) {\n    webhook(id: $id) {\n      id\n      deliveries(status: $status, first: $first) {\n        edges {\n          node {\n            id\n            eventId\n            eventType\n            payload\n            status\n            attemptCount\n            lastStatusCode\n            lastError\n            nextAttemptAt\n            createdAt\n            deliveredAt\n            attempts {\n              attempt\n              at\n              statusCode\n              error\n              durationMs\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;