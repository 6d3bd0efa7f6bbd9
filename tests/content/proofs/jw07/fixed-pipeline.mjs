// jw07's route rewritten as the corrected explanation says: the rows come from
// an async generator, and stream.pipeline writes them to the response.
import Cursor from "pg-cursor";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pool } from "./db.js";
import { app, requireAdmin } from "./app.js";

app.get("/admin/orders.csv", requireAdmin, (req, res, next) => {
  writeOrdersCsv(res).catch(next);
});

async function* csvLines(cursor) {
  yield "id,customer,email,total,created_at\n";
  for (;;) {
    const rows = await cursor.read(1000);
    if (rows.length === 0) return;
    yield rows.map((r) => `${r.id},${r.customer_name},${r.email},` +
      `${(r.total_cents / 100).toFixed(2)},${r.created_at.toISOString()}\n`).join("");
  }
}

async function writeOrdersCsv(res) {
  const client = await pool.connect();
  const cursor = client.query(new Cursor(
    "SELECT id, customer_name, email, total_cents, created_at FROM orders ORDER BY id"));
  try {
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", 'attachment; filename="orders.csv"');
    await pipeline(Readable.from(csvLines(cursor)), res);
  } finally {
    await cursor.close();
    globalThis.cursorPlan.closed = true;
    client.release();
  }
}
