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
    return this.dataSource.query(`SELECT * FROM users WHERE name = '${name}'`);
  }

  findById(id: number) {
    return this.dataSource.query('SELECT * FROM users WHERE id = $1', [id]);
  }

  create(data: Partial<User>) {
    return this.repo.save(data);
  }

  audit(message: string) {
    this.logger.log(message);
  }
}
