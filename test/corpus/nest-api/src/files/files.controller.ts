import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createReadStream, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as ejs from 'ejs';

const ROOT = '/srv/files';
const TEMPLATES: Record<string, string> = { plain: '<p><%= text %></p>', bold: '<b><%= text %></b>' };

@Controller('files')
export class FilesController {
  @Get('raw')
  raw(@Query('path') path: string, @Res() res: Response) {
    createReadStream(join(ROOT, path)).pipe(res); // vuln: js/path-traversal
  }

  @Get('by-name')
  byName(@Query('name') name: string, @Res() res: Response) {
    if (!existsSync(join(ROOT, basename(name)))) return res.sendStatus(404); // safe: js/path-traversal
    res.sendFile(basename(name), { root: ROOT }); // safe: js/path-traversal
  }

  @Get('preview')
  preview(@Query('template') template: string, @Query('text') text: string) {
    return ejs.render(template, { text }); // vuln: js/template-injection
  }

  @Get('styled')
  styled(@Query('style') style: string, @Query('text') text: string) {
    return ejs.render(TEMPLATES[style] ?? TEMPLATES.plain!, { text }); // safe: js/template-injection
  }
}
