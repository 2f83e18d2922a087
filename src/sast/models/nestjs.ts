import type { FrameworkModel } from '../taint/spec.ts';

/** NestJS: controller method parameters decorated with @Query, @Body, @Param, @Headers, @Req. */
export const nestjs: FrameworkModel = {
  framework: 'nestjs',
  hints: ['@(Query|Body|Param|Headers|Ip|HostParam|UploadedFiles?|Req|Request)\\b'],
  decorators: [
    ...['Query', 'Body', 'Param', 'Headers', 'Ip', 'HostParam', 'UploadedFile', 'UploadedFiles'].map((d) => ({
      framework: 'nestjs',
      decorator: d,
      source: {
        kind: 'remote' as const,
        label: `@${d}() parameter`,
        // Route parameters and addresses are text, never objects.
        ...(d === 'Param' || d === 'Ip' || d === 'HostParam' ? { flags: ['string' as const] } : {}),
      },
    })),
    { framework: 'nestjs', decorator: 'Req', role: '@Request' },
    { framework: 'nestjs', decorator: 'Request', role: '@Request' },
    { framework: 'nestjs', decorator: 'Res', role: '@Response' },
    { framework: 'nestjs', decorator: 'Response', role: '@Response' },
  ],
};
