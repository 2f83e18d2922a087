import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { UsersService } from './users.service.ts';
import { User } from './user.entity.ts';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('search')
  search(@Query('name') name: string) {
    return this.users.findByName(name); // vuln: js/sql-injection
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.users.findById(Number(id)); // safe: js/sql-injection
  }

  @Post()
  create(@Body() body: Partial<User>) {
    return this.users.create(body); // vuln: js/mass-assignment (stands at the service's save)
  }

  @Post('signup')
  signup(@Body() body: Partial<User>) {
    const { name, email } = body;
    return User.create({ name, email }); // safe: js/mass-assignment
  }

  @Post('import')
  importOne(@Body() body: Partial<User>) {
    return User.create(body); // vuln: js/mass-assignment
  }

  @Get('agent')
  agent(@Headers('user-agent') agent: string) {
    this.users.audit('agent ' + agent); // vuln: js/log-injection
    return 'ok';
  }
}
