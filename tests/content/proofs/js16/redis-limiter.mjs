// js16's limiter with the i2 and i3 fixes: one counter per key in Redis, shared
// by every pod, incremented atomically before next(); a success deletes it.
// A minimal RESP client over the Redis socket keeps the proof free of npm packages.
import net from "node:net";

export function redisClient(path) {
  const sock = net.connect(path); const waiting = []; let buf = "";
  sock.setEncoding("utf8");
  sock.on("data", (d) => {
    buf += d;
    for (;;) {                                   // integer (:n) and simple (+OK) replies only
      const i = buf.indexOf("\r\n"); if (i < 0) break;
      const line = buf.slice(0, i); buf = buf.slice(i + 2);
      const w = waiting.shift();
      line[0] === "-" ? w.reject(new Error(line)) : w.resolve(line[0] === ":" ? Number(line.slice(1)) : line.slice(1));
    }
  });
  return {
    cmd: (...args) => new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      sock.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join(""));
    }),
    close: () => sock.end(),
  };
}

const WINDOW_S = 15 * 60;
const MAX_FAILURES = 5;

export function makeLimiter(redis) {
  return async function loginLimiter(req, res, next) {
    const key = `login-fail:${req.ip}`;
    try {
      const count = await redis.cmd("INCR", key);
      if (count === 1) await redis.cmd("EXPIRE", key, WINDOW_S);
      if (count > MAX_FAILURES) {
        return res.status(429).json({ error: "Too many attempts. Try again in 15 minutes." });
      }
      res.on("finish", () => { if (res.statusCode < 400) redis.cmd("DEL", key).catch(() => {}); });
      next();
    } catch (err) {
      next(err);
    }
  };
}
