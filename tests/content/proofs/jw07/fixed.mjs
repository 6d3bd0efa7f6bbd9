// jw07's route with the explanations' fixes as written: wait for "drain" when
// write() returns false (i2), stop once the response is destroyed (i6).
import Cursor from "pg-cursor";
import { once } from "node:events";
import { pool } from "./db.js";
import { app, requireAdmin } from "./app.js";

app.get("/admin/orders.csv", requireAdmin, (req, res, next) => {
  writeOrdersCsv(res).catch(next);
});

async function writeOrdersCsv(res) {
  const client = await pool.connect();
  const cursor = client.query(new Cursor(
    "SELECT id, customer_name, email, total_cents, created_at FROM orders ORDER BY id"));
  try {
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", 'attachment; filename="orders.csv"');
    res.write("id,customer,email,total,created_at\n");
    for (;;) {
      if (res.destroyed) break;                                         // i6
      const rows = await cursor.read(1000);
      if (rows.length === 0) break;
      for (const r of rows) {
        const ok = res.write(`${r.id},${r.customer_name},${r.email},` +
          `${(r.total_cents / 100).toFixed(2)},${r.created_at.toISOString()}\n`);
        if (!ok) await once(res, "drain");                              // i2
      }
    }
    res.end();
  } finally {
    await cursor.close();
    globalThis.cursorPlan.closed = true;
    client.release();
  }
}
