// js06's receiver with every explanation's fix applied (i2, i3, i5, i6, i7, i9).
import http from "node:http";
import crypto from "node:crypto";
import { queue, replayFailed } from "./events.js";

const SECRET = process.env.WEBHOOK_SECRET;
const ADMIN_TOKEN = process.env.ADMIN_TOKEN;
const ADMIN_ENABLED = typeof ADMIN_TOKEN === "string" && ADMIN_TOKEN.length >= 12; // i6: fail closed
const MAX_BODY = 64 * 1024;                                                          // i7
const TOLERANCE_S = 300;                                                             // i9
const sha256 = (s) => crypto.createHash("sha256").update(s).digest();

function verify(body, header) {                      // body: Buffer (i2)
  try {                                              // i3: any parsing failure is "invalid"
    const parts = Object.fromEntries(header.split(",").map((kv) => kv.split("=")));
    if (!/^[0-9]+$/.test(parts.t ?? "") || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
    if (Math.abs(Date.now() / 1000 - Number(parts.t)) > TOLERANCE_S) return false;          // i9
    const expected = crypto.createHmac("sha256", SECRET).update(`${parts.t}.`).update(body).digest("hex");
    return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
  } catch {
    return false;
  }
}

http.createServer((req, res) => {
  if (req.url === "/admin/replay-failed") {
    const given = String(req.headers["x-admin-token"] ?? "");                                // i5
    if (!ADMIN_ENABLED || !crypto.timingSafeEqual(sha256(given), sha256(ADMIN_TOKEN))) return res.writeHead(403).end();
    return replayFailed().then((n) => res.writeHead(200).end(`${n} replayed\n`),
                               () => res.writeHead(500).end());
  }
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY) {                            // i7
    return res.writeHead(413, { connection: "close" }).end();
  }
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) return req.destroy();                                             // i7
    chunks.push(chunk);                                                                    // i2
  });
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (!verify(body, req.headers["payment-signature"] ?? "")) {
      return res.writeHead(400).end();
    }
    queue.push(JSON.parse(body));
    res.writeHead(200).end();
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
