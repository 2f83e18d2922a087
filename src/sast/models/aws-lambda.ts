import type { FrameworkModel, SourceModel } from '../taint/spec.ts';

/** The parts of an API Gateway, ALB or function URL event that the HTTP client wrote. */
const REQUEST_PARTS = [
  'body',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'pathParameters',
  'headers',
  'multiValueHeaders',
  'path',
  'rawPath',
  'rawQueryString',
  'cookies',
];

/**
 * AWS Lambda behind API Gateway, an ALB or a function URL: the exported `handler` (the name
 * serverless.yml and SAM templates point at, with an `event` first parameter) or a function whose
 * first parameter is typed as such an event receives the HTTP request in it.
 */
export const awsLambda: FrameworkModel = {
  framework: 'aws-lambda',
  // An exported `handler` (ESM or CommonJS) or an event type: not every file naming a handler.
  hints: [
    '\\bexports\\.handler\\b',
    '\\bexport\\s+(?:const|let|async\\s+function|function)\\s+handler\\b',
    '\\bexport\\s*\\{[^}]{0,200}\\bhandler\\b',
    '\\b(?:APIGatewayProxyEvent|ALBEvent|LambdaFunctionURLEvent)',
  ],
  handlers: [
    {
      framework: 'aws-lambda',
      exportNames: ['handler'],
      paramNames: ['^_?(?:event|evt|ev|e)$'],
      params: ['@LambdaEvent'],
    },
    {
      framework: 'aws-lambda',
      paramType: ['APIGatewayProxyEvent', 'APIGatewayProxyEventV2', 'ALBEvent', 'LambdaFunctionURLEvent'],
      params: ['@LambdaEvent'],
    },
  ],
  sources: REQUEST_PARTS.map((p): SourceModel => ({
    path: `@LambdaEvent.${p}`,
    kind: 'remote',
    label: `Lambda event ${p}`,
  })),
};
