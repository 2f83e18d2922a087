import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName } from '../resolve.ts';
import { propName, type Cls } from './values.ts';
import type { Flag } from './spec.ts';

/**
 * class-validator decorators that let a field through only as a number, a boolean, a date, a
 * UUID, hex, a MongoDB id, letters and digits, or one of a list the program wrote (`@IsEnum`,
 * `@IsIn`): no quote, space, markup, path separator or line break any injection needs.
 */
const VALUE_FORMS: ReadonlySet<string> = new Set([
  ...['IsInt', 'IsNumber', 'IsNumberString', 'IsPositive', 'IsNegative', 'IsDivisibleBy', 'IsPort'],
  ...['IsBoolean', 'IsBooleanString', 'IsDate', 'IsDateString', 'IsISO8601', 'IsMilitaryTime'],
  ...['IsUUID', 'IsMongoId', 'IsHexadecimal', 'IsAlphanumeric', 'IsAlpha', 'IsEnum', 'IsIn'],
  ...['IsLatitude', 'IsLongitude', 'IsHexColor', 'IsCurrency', 'IsDecimal'],
]);

/**
 * The fields of a data-transfer class (`class RemoveIconDto { @IsUUID() spaceId: string }`) that a
 * class-validator decorator allows only in such a form, each with the flag that says so. NestJS's
 * ValidationPipe checks a `@Body()`/`@Query()` parameter typed with the class before the handler
 * runs; the decorators say what the class is written for. Undefined when no field is checked so.
 */
export function checkedFields(cls: Cls, sourceText: string): Record<string, Flag[]> | undefined {
  if (!sourceText.includes('class-validator')) return undefined;
  let out: Record<string, Flag[]> | undefined;
  for (const m of cls.body.body) {
    if (m.type !== 'PropertyDefinition') continue;
    const name = propName(m);
    const decorators: readonly TSESTree.Decorator[] = m.decorators ?? [];
    if (name === undefined || !decorators.some(isValueForm)) continue;
    (out ??= {})[name] = ['numeric'];
  }
  return out;
}

function isValueForm(d: TSESTree.Decorator): boolean {
  const e = d.expression;
  const name = calleeName(e.type === 'CallExpression' ? e.callee : e);
  return name !== undefined && VALUE_FORMS.has(name);
}
