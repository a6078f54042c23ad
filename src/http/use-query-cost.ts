import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';
import { queryCost } from '../limits/query-cost.js';
import type { RequestStates } from './request-state.js';

export interface QueryCostOptions {
  states: RequestStates;
  /** The budget of a request that has no key's budget (a keyless introspection). */
  fallback: { maxCost: number; maxDepth: number; planName: string };
}

/**
 * Prices every operation once it is valid, before it executes: over the key's plan's
 * maximum cost or depth it is refused with COST_LIMIT_EXCEEDED and nothing runs. Every
 * response of a priced operation says `extensions.cost: { requestedQueryCost, maxCost }`.
 */
export function useQueryCost({ states, fallback }: QueryCostOptions): Plugin {
  return {
    // Priced in onExecute, not as a validation rule: Yoga caches validation results by
    // document, and the same document has another budget under another key.
    onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      const state = request && states.get(request);
      if (!state) return;
      const measured = queryCost(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | undefined,
      );
      if (measured === null) return;
      const budget = state.limits?.budget ?? fallback;
      const plan = state.auth?.project?.plan ?? (state.auth ? 'admin' : fallback.planName);
      state.cost = measured.cost;
      state.maxCost = budget.maxCost;
      let message: string | null = null;
      if (measured.depth > budget.maxDepth) {
        message = `query depth ${measured.depth} exceeds the maximum depth of ${budget.maxDepth} (${plan} budget)`;
      } else if (measured.cost > budget.maxCost) {
        message = `query cost ${measured.cost} exceeds the maximum cost of ${budget.maxCost} (${plan} budget); ask for fewer items (first) or fewer fields`;
      }
      if (message === null) return;
      state.rejection = 'COST_LIMIT_EXCEEDED';
      setResultAndStopExecution({
        errors: [
          createGraphQLError(message, {
            extensions: {
              code: 'COST_LIMIT_EXCEEDED',
              // GraphQL over HTTP: a request error is a 400 in application/graphql-response+json
              // (and a 200 in legacy application/json), like a validation error.
              http: { status: 400, spec: true },
              cost: { requestedQueryCost: measured.cost, maxCost: budget.maxCost },
              depth: { requestedDepth: measured.depth, maxDepth: budget.maxDepth },
            },
          }),
        ],
      });
    },
    onResultProcess({ request, result, setResult }) {
      const state = states.get(request);
      if (!state || state.cost === null || Array.isArray(result)) return;
      const single = result as ExecutionResult & { errors?: readonly GraphQLError[] };
      if (
        typeof (single as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
      )
        return;
      setResult({
        ...single,
        extensions: {
          ...single.extensions,
          cost: { requestedQueryCost: state.cost, maxCost: state.maxCost },
        },
      });
    },
  };
}
