// Database helpers shared by the routes. Summaries of these functions carry flows across files.
const mysql = require('mysql2');
const { Pool } = require('pg');

const connection = mysql.createConnection({ host: 'localhost', user: 'shop' });
const pool = new Pool();

function findProduct(id) {
  return pool.query('SELECT * FROM products WHERE id = ' + id); // vuln: js/sql-injection (a helper's sink: the flow from routes/products.js stands here)
}

function findProductSafe(id) {
  return pool.query('SELECT * FROM products WHERE id = $1', [id]); // safe: js/sql-injection
}

function searchByName(name) {
  const sql = `SELECT * FROM products WHERE name LIKE '%${name}%'`;
  return connection.query(sql); // vuln: js/sql-injection (a helper's sink: the flow from routes/products.js stands here)
}

function listSorted(column) {
  const allowed = ['name', 'price', 'created_at'];
  if (!allowed.includes(column)) throw new Error('bad column');
  return pool.query('SELECT * FROM products ORDER BY ' + column); // safe: js/sql-injection
}

function countAll() {
  return pool.query('SELECT count(*) FROM products');
}

module.exports = { findProduct, findProductSafe, searchByName, listSorted, countAll, connection, pool };
