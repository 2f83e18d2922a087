/**
 * A NestJS `@Body()`/`@Query()` parameter typed with a class whose fields class-validator checks
 * (`@IsUUID() spaceId`, `@IsInt() limit`, `@IsEnum(Kind) kind`): those fields hold no character an
 * injection needs; a field checked only as text (`@IsString()`) keeps its taint. The class may be
 * declared beside the controller or exported by another module.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, treeForBlock } from '../../support/sast-tree.ts';

const tree: Record<string, string> = {
  'dto/attachment.dto.ts': `import { IsEnum, IsOptional, IsString, IsUUID } from 'class-validator';
export enum Kind { Avatar = 'avatar', Icon = 'icon' }
export class RemoveIconDto {
  @IsEnum(Kind)
  kind: Kind;
  @IsOptional()
  @IsUUID()
  spaceId: string;
  @IsString()
  note: string;
}`,
  'attachment.controller.ts': `import { Body, Controller, Post, Query } from '@nestjs/common';
import { IsInt, IsString } from 'class-validator';
import { RemoveIconDto } from './dto/attachment.dto';
class PageQuery {
  @IsInt()
  limit: number;
  @IsString()
  search: string;
}
@Controller('attachments')
export class AttachmentController {
  @Post('remove-icon')
  removeIcon(@Body() dto: RemoveIconDto) {
    console.log('removing ' + dto.kind + ' of ' + dto.spaceId);
    const { spaceId } = dto;
    console.log(\`space \${spaceId}\`);
    console.log('note ' + dto.note);
  }
  @Post('list')
  list(@Query() q: PageQuery) {
    console.log('limit ' + q.limit);
    console.log('search ' + q.search);
  }
}`,
};

describe('fields a class-validator class checks', () => {
  const dir = treeForBlock(tree);

  it('carry no taint when checked as a number, a UUID or an enum, here or in another module; text keeps it', async () => {
    const found = await findingsOf(dir(), tree, 'js/log-injection');
    expect(found.map((f) => f.location.startLine).sort((a, b) => a - b)).toEqual([17, 22]);
  });
});
