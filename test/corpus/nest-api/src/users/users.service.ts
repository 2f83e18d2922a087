import { Injectable, Logger } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity.ts';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: Repository<User>,
  ) {}

  findByName(name: string) {
    return this.dataSource.query(`SELECT * FROM users WHERE name = '${name}'`); // vuln: js/sql-injection (a helper's sink: the flow from users.controller.ts stands here)
  }

  findById(id: number) {
    return this.dataSource.query('SELECT * FROM users WHERE id = $1', [id]);
  }

  create(data: Partial<User>) {
    return this.repo.save(data); // vuln: js/mass-assignment (a helper's sink: the flow from users.controller.ts stands here)
  }

  audit(message: string) {
    this.logger.log(message); // vuln: js/log-injection (a helper's sink: the flow from users.controller.ts stands here)
  }
}
