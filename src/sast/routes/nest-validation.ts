import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName } from '../resolve.ts';
import { isFunctionNode } from '../naming.ts';
import { nodesAt, type ProjectCode } from './project-code.ts';
import type { Validation } from './validation.ts';

type Node = TSESTree.Node;

/** Parameter decorators whose value a validation pipe checks against the parameter's class. */
const CHECKED_PARTS: ReadonlyMap<string, 'body' | 'query'> = new Map([
  ['Body', 'body'],
  ['Query', 'query'],
]);
/** A pipe that validates against the parameter's class: class-validator's, or nestjs-zod's. */
const VALIDATION_PIPE = /\b(?:Zod)?ValidationPipe\b|\bcreateZodValidationPipe\b/;
/** Registered for every route: `app.useGlobalPipes(…)` or an `APP_PIPE` provider. */
const GLOBAL_PIPE = /\buseGlobalPipes\s*\(|\bAPP_PIPE\b/;

/**
 * NestJS validation of a decorated parameter (`@Body() dto: CreateUserDto`): a pipe checks the
 * request part against the parameter's class (class-validator decorators, a nestjs-zod schema)
 * before the handler runs, so a field the class types as text is text. It does so when the type
 * is a class (an interface leaves nothing to check against at run time) and a validation pipe is
 * registered globally (`app.useGlobalPipes(new ValidationPipe())`, an `APP_PIPE` provider), on
 * the parameter (`@Body(new ValidationPipe())`) or on the method or controller (`@UsePipes`).
 */
export class NestValidation {
  private readonly code: ProjectCode;
  private readonly files: readonly string[];
  private globalPipe: Validation | null | undefined;
  private readonly classes = new Map<string, boolean>();

  constructor(code: ProjectCode, files: readonly string[]) {
    this.code = code;
    this.files = files;
  }

  /** The validation of the parameter the source at this position is, if it has one. */
  at(file: string, line: number, column: number): Validation | undefined {
    const program = this.code.program(file);
    const offset = this.code.offsetOf(file, line, column);
    if (!program || offset === undefined) return undefined;
    const param = nodesAt(program, offset).findLast(isParameter);
    if (!param) return undefined;
    const decorators = (param as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
    const checked = decorators.find((d) => CHECKED_PARTS.has(decoratorName(d) ?? ''));
    if (!checked || !this.isClass(typeName(param))) return undefined;
    const onParam =
      checked.expression.type === 'CallExpression' && this.pipeIn(file, checked.expression.arguments);
    if (onParam) return onParam;
    for (let n: Node | undefined = param.parent; n; n = n.parent) {
      if (n.type !== 'MethodDefinition' && n.type !== 'ClassDeclaration') continue;
      for (const d of n.decorators ?? [])
        if (decoratorName(d) === 'UsePipes' && d.expression.type === 'CallExpression') {
          const pipe = this.pipeIn(file, d.expression.arguments);
          if (pipe) return pipe;
        }
    }
    return this.global() ?? undefined;
  }

  private pipeIn(file: string, args: readonly Node[]): Validation | undefined {
    const arg = args.find((a) => VALIDATION_PIPE.test(this.code.textOf(file, a)));
    return (
      arg && {
        parts: undefined,
        label: 'a validation pipe',
        file,
        line: this.code.lineOf(file, arg.range[0]),
      }
    );
  }

  /** The application's global validation pipe, found once in the scanned texts. */
  private global(): Validation | null {
    if (this.globalPipe !== undefined) return this.globalPipe;
    this.globalPipe = null;
    for (const file of this.files) {
      const text = this.code.text(file);
      const at = GLOBAL_PIPE.exec(text);
      if (!at || !VALIDATION_PIPE.test(text)) continue;
      this.globalPipe = {
        parts: undefined,
        label: 'a global validation pipe',
        file,
        line: this.code.lineOf(file, at.index),
      };
      break;
    }
    return this.globalPipe;
  }

  /** Does some scanned file declare a class of this name (`class CreateUserDto`)? */
  private isClass(name: string | undefined): boolean {
    if (name === undefined) return false;
    let known = this.classes.get(name);
    if (known === undefined) {
      const declared = new RegExp(`\\bclass\\s+${name.replace(/\$/g, '\\$')}\\b`);
      known = this.files.some((f) => declared.test(this.code.text(f)));
      this.classes.set(name, known);
    }
    return known;
  }
}

function isParameter(n: Node): boolean {
  const parent = n.parent;
  return parent !== undefined && isFunctionNode(parent) && (parent.params as readonly Node[]).includes(n);
}

function decoratorName(d: TSESTree.Decorator): string | undefined {
  const e = d.expression;
  return calleeName(e.type === 'CallExpression' ? e.callee : e);
}

/** The class a parameter's annotation names (`dto: CreateUserDto`), not an array or a generic. */
function typeName(param: Node): string | undefined {
  const annotation = (param as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  return annotation?.type === 'TSTypeReference' &&
    annotation.typeName.type === 'Identifier' &&
    !annotation.typeArguments
    ? annotation.typeName.name
    : undefined;
}
