import { format } from 'node:util';

export class AuditLog {
  private lines: string[] = [];

  record(template: string, ...args: unknown[]) {
    this.lines.push(format(template, ...args)); // vuln: js/tainted-format-string (a helper's sink: the flow from routes/invoices.ts stands here)
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
    return this.db.query(this.lastQuery); // vuln: js/sql-injection (a helper's sink: the flow from routes/orders.ts stands here)
  }
}
