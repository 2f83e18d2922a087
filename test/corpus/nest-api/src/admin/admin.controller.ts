import { Body, Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import * as _ from 'lodash';

type Handler = (args: unknown[]) => unknown;

const HANDLERS: Record<string, Handler> = {
  flushCache: () => 'flushed',
  reindex: () => 'reindexing',
};

@Controller('admin')
export class AdminController {
  private settings: Record<string, unknown> = {};

  @Post('rpc')
  rpc(@Body('method') method: string, @Body('args') args: unknown[]) {
    return HANDLERS[method](args); // vuln: js/unsafe-dynamic-method
  }

  @Post('rpc-safe')
  rpcSafe(@Body('method') method: string, @Body('args') args: unknown[]) {
    if (!Object.hasOwn(HANDLERS, method)) return 'unknown';
    return HANDLERS[method](args); // safe: js/unsafe-dynamic-method
  }

  @Post('settings')
  update(@Req() req: Request) {
    _.set(this.settings, req.body.path, req.body.value); // vuln: js/prototype-pollution
    return this.settings;
  }

  @Post('settings-safe')
  updateSafe(@Body('key') key: string, @Body('value') value: string) {
    const ALLOWED = ['theme', 'locale'];
    if (!ALLOWED.includes(key)) return this.settings;
    _.set(this.settings, key, value); // safe: js/prototype-pollution
    return this.settings;
  }
}
