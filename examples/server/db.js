// Deliberately vulnerable example data layer — see examples/README.md.
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: '127.0.0.1', user: 'shop', database: 'shop' });
const TABLE = 'products';

export async function findUser(name) {
  const [rows] = await pool.query("SELECT * FROM users WHERE name = '" + name + "'"); // vuln: js/sql-injection
  return rows[0];
}

export async function searchProducts(q, sort) {
  const sql = `SELECT * FROM ${TABLE} WHERE title LIKE '%${q}%' ORDER BY ${sort}`;
  const [rows] = await pool.execute(sql); // vuln: js/sql-injection
  return rows;
}

// Safe look-alikes: placeholders with parameters, and constants only.
export async function findProduct(id) {
  const [rows] = await pool.execute(`SELECT * FROM ${TABLE} WHERE id = ?`, [id]); // safe: js/sql-injection
  return rows[0];
}

export async function countProducts() {
  const [rows] = await pool.query('SELECT COUNT(*) AS n FROM ' + TABLE); // safe: js/sql-injection
  return rows[0].n;
}
