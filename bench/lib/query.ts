/** The one operation both targets serve: 10 invoices, each with its customer (email is PII). */
export const BENCH_QUERY =
  'query Bench { invoices(first: 10) { edges { node { id number amountCents currency status issuedAt dueAt customer { id name email country } } } } }';

export const EXPECTED_INVOICES = 10;

/** The exact request autocannon sends to both targets (the plain target ignores the key). */
export function benchRequest(key: string) {
  return {
    method: 'POST' as const,
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'x-api-key': key,
    },
    body: JSON.stringify({ query: BENCH_QUERY, operationName: 'Bench' }),
  };
}

interface Answer {
  data?: {
    invoices?: {
      edges: { node: { customer: { email: string | null } | null } }[];
    } | null;
  } | null;
  errors?: unknown[];
}

export interface CheckedAnswer {
  /** The exact response body, which every response during the load runs must equal. */
  body: string;
  /** `data` serialised, to compare the two targets. */
  data: string;
}

/**
 * Asks a target twice and fails loudly unless it answers 200 with 10 invoices, every
 * customer and email present, no errors, and the same body both times.
 */
export async function checkAnswer(name: string, url: string, key: string): Promise<CheckedAnswer> {
  const bodies: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await fetch(url, benchRequest(key));
    const body = await response.text();
    const fail = (why: string): never => {
      throw new Error(`${name} (${url}) ${why}; status ${response.status}, body: ${body}`);
    };
    if (response.status !== 200) fail('did not answer 200');
    let answer: Answer;
    try {
      answer = JSON.parse(body) as Answer;
    } catch {
      return fail('did not answer JSON');
    }
    if (answer.errors !== undefined) fail('answered with errors');
    const edges = answer.data?.invoices?.edges ?? [];
    if (edges.length !== EXPECTED_INVOICES) {
      fail(`answered ${edges.length} invoices, not ${EXPECTED_INVOICES}`);
    }
    if (!edges.every((e) => typeof e.node.customer?.email === 'string')) {
      fail('answered an invoice without its customer or the customer without email');
    }
    bodies.push(body);
  }
  const [first, second] = bodies as [string, string];
  if (first !== second) {
    throw new Error(
      `${name} answered two different bodies to the same query; the runs compare every ` +
        `response to the first one, so the body must be deterministic:\n${first}\n${second}`,
    );
  }
  return { body: first, data: JSON.stringify((JSON.parse(first) as Answer).data) };
}
