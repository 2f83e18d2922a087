import type { Node, ReportDescriptor } from '../rule.ts';
import type { RuleContext } from '../rule.ts';
import type { TaintRuleModule } from './rule.ts';

/**
 * A taint rule less the findings `drop` rejects: a sink the spec cannot tell apart as data, such
 * as a response declared as text before the write, or a jQuery selector with a constant `#` prefix.
 * `drop` sees the finding's node (the sink, or the call of the helper that holds it).
 */
export function withoutFindings(
  rule: TaintRuleModule,
  drop: (context: RuleContext, node: Node) => boolean,
): TaintRuleModule {
  return {
    ...rule,
    create(context) {
      return rule.create({
        ...context,
        report: (d: ReportDescriptor) => {
          if (d.node && drop(context, d.node)) return;
          context.report(d);
        },
      });
    },
  };
}
