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
    onValidate({ params, context }) {
      const ctx = context as {
        request?: Request;
        params?: { operationName?: string | null; variables?: Record<string, unknown> };
      };
      const state = ctx.request && states.get(ctx.request);
      if (!state) return;
      return ({ valid, setResult }) => {
        if (!valid) return;
        const measured = queryCost(
          params.schema,
          params.documentAST,
          ctx.params?.operationName,
          ctx.params?.variables,
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
        setResult([
          createGraphQLError(message, {
            extensions: {
              code: 'COST_LIMIT_EXCEEDED',
              cost: { requestedQueryCost: measured.cost, maxCost: budget.maxCost },
              depth: { requestedDepth: measured.depth, maxDepth: budget.maxDepth },
            },
          }),
        ]);
      };
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
