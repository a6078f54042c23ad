import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';
import { queryCost } from '../limits/query-cost.js';
import { type RequestStates, stateOfContext } from './request-state.js';

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
  // extensions.cost is added as execution ends: one hook object shared by every request
  // (the request's state says its cost), and no hook left for Yoga's result processing.
  const withCost: OnExecuteDoneHook = ({ args, result, setResult }) => {
    const state = stateOfContext(states, args.contextValue);
    if (!state || state.cost === null || Symbol.asyncIterator in result) return;
    setResult({
      ...result,
      extensions: {
        ...result.extensions,
        cost: { requestedQueryCost: state.cost, maxCost: state.maxCost },
      },
    });
  };
  const afterExecute = { onExecuteDone: withCost };
  return {
    // Priced in onExecute, not as a validation rule: Yoga caches validation results by
    // document, and the same document has another budget under another key.
    onExecute({ args, setResultAndStopExecution }) {
      const state = stateOfContext(states, args.contextValue);
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
      if (message === null) return afterExecute;
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
      // The refusal's own result gets extensions.cost too, as every priced response does.
      return afterExecute;
    },
  };
}

type OnExecuteDoneHook = (payload: {
  args: { contextValue: unknown };
  result: ExecutionResult | AsyncIterable<ExecutionResult>;
  setResult: (result: ExecutionResult) => void;
}) => void;
