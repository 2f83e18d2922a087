import { format } from 'node:util';

export class AuditLog {
  private lines: string[] = [];

  record(template: string, ...args: unknown[]) {
    this.lines.push(format(template, ...args));
  }

  recordSafe(message: string) {
    this.lines.push(format('%s', message));
  }
}

export class Orders {
  private lastQuery = '';

  constructor(private readonly db: { query(sql: string, params?: unknown[]): Promise<unknown> }) {}

  remember(filter: string) {
    this.lastQuery = `SELECT * FROM orders WHERE ${filter}`;
  }

  rerun() {
    return this.db.query(this.lastQuery);
  }
}
