import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from './http-errors.js';

export interface ArmorOptions {
  /** Aliased fields per operation, `__typename` included. @default 15 */
  maxAliases?: number;
  /** Directives per operation. @default 50 */
  maxDirectives?: number;
}

/** Reports armor's refusal under our own code and words instead of its "Syntax Error". */
function refuseWith(code: ErrorCode) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code },
      }),
    );
  };
}

/**
 * graphql-armor's validation rules: a cap on aliases (with no `__typename` loophole) and
 * on directives, and field suggestions ("Did you mean …?") removed from every validation
 * error, so the schema cannot be guessed field by field. Depth and cost are per plan
 * (useQueryCost); tokens and nesting are capped by the parser (useParserLimits).
 *
 * The rules are made once and added by one hook: armor's own plugins make each rule anew
 * for every request, one hook each.
 */
export function useArmor({ maxAliases = 15, maxDirectives = 50 }: ArmorOptions = {}): Plugin[] {
  const rules: ValidationRule[] = [
    noSubscriptions,
    maxAliasesRule({
      n: maxAliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: [refuseWith('ALIAS_LIMIT_EXCEEDED')],
    }),
    maxDirectivesRule({
      n: maxDirectives,
      propagateOnRejection: false,
      onReject: [refuseWith('DIRECTIVE_LIMIT_EXCEEDED')],
    }),
  ];
  const hideSuggestions = blockFieldSuggestionsPlugin({ mask: '' }) as Plugin;
  return [
    {
      onValidate(payload) {
        for (const rule of rules) payload.addValidationRule(rule);
        return hideSuggestions.onValidate?.(payload);
      },
    },
  ];
}

/** The schema has no subscriptions: say so at validation, with a code (graphql-js does not). */
const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError('subscriptions are not supported by this API', {
        nodes: [node],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    );
  },
});
