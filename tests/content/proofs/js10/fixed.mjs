// js10's verifyJwt with the explanations' fixes: the algorithm bound to the key
// (i5), an own-property lookup (i4), and aud/iss checked (i3).
import crypto from "node:crypto";
import fs from "node:fs";

const KEYS = new Map([
  ["auth-2024", { alg: "RS256", key: crypto.createPublicKey(fs.readFileSync(process.env.AUTH_PUB_PEM, "utf8")) }],
  ["billing", { alg: "HS256", key: process.env.BILLING_HMAC_SECRET }],
]);

const fromB64url = (s) => Buffer.from(s, "base64url");

function signatureOk(alg, key, data, sig) {
  if (alg === "RS256") {
    return crypto.verify("RSA-SHA256", Buffer.from(data), key, sig);
  }
  if (alg === "HS256") {
    const mac = crypto.createHmac("sha256", key).update(data).digest();
    return mac.length === sig.length && crypto.timingSafeEqual(mac, sig);
  }
  return false;
}

export function verifyJwt(token) {
  const [h, p, s] = token.split(".");
  const header = JSON.parse(fromB64url(h).toString("utf8"));
  const payload = JSON.parse(fromB64url(p).toString("utf8"));

  const entry = KEYS.get(header.kid);
  if (!entry || header.alg !== entry.alg) throw new Error(`unknown key or algorithm`);
  if (!signatureOk(entry.alg, entry.key, `${h}.${p}`, fromB64url(s))) {
    throw new Error("bad signature");
  }
  if (typeof payload.exp !== "number" || payload.exp < Date.now() / 1000) {
    throw new Error("expired");
  }
  if (header.kid === "auth-2024" && (payload.aud !== "orders-api" || payload.iss !== "https://auth.example.com")) {
    throw new Error("wrong audience or issuer");
  }
  return payload;
}
