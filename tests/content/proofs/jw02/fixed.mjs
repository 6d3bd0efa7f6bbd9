// jw02's checkout with the explanations' fixes, in JavaScript: one deadline for
// the request passed down with AbortSignal.any (i2), the fraud timer cleared only
// after the body (i4), every failure counted with a backed-off retry (i6), and
// the idempotency key taken from a checkout id that "Try again" repeats (i2).
import { orders } from "./orders.js";

class PaymentFailed extends Error {}
const within = (deadline, ms) => AbortSignal.any([deadline, AbortSignal.timeout(ms)]);

export async function quoteTax(cart, deadline) {
  const res = await fetch("https://tax.internal/v1/quote", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify(cart), signal: within(deadline, 800),
  });
  if (!res.ok) throw new Error(`tax: HTTP ${res.status}`);
  return (await res.json()).taxCents;
}

export async function fraudScore(order, deadline) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 2000);
  try {
    const res = await fetch("https://fraud.vendor.example/v2/score", {
      method: "POST", body: JSON.stringify({ id: order.id, email: order.email, totalCents: order.totalCents }),
      signal: AbortSignal.any([deadline, controller.signal]),
    });
    return (await res.json()).score;
  } finally {
    clearTimeout(timer);
  }
}

export async function charge(order, token, key, deadline) {
  for (let attempt = 1; ; attempt++) {
    let retryable;
    try {
      const res = await fetch("https://api.payments.example/v1/charges", {
        method: "POST",
        headers: { "idempotency-key": key, "content-type": "application/json" },
        body: JSON.stringify({ amount: order.totalCents + order.taxCents, token }),
        signal: within(deadline, 5000),
      });
      if (res.ok) return await res.json();
      if (res.status < 500 && res.status !== 409) throw new PaymentFailed(await res.text());
      retryable = new Error(`payment: HTTP ${res.status}`);
    } catch (err) {
      if (err instanceof PaymentFailed || deadline.aborted) throw err;
      retryable = err;
    }
    if (attempt === 3) throw retryable;
    const pause = 100 * 2 ** attempt * (0.5 + Math.random());
    await new Promise((r) => setTimeout(r, pause));
  }
}

export async function checkout(checkoutId, cart, token) {
  const deadline = AbortSignal.timeout(8000);          // inside the load balancer's 10 s
  const order = await orders.create(cart);
  order.taxCents = await quoteTax(cart, deadline);
  if ((await fraudScore(order, deadline)) > 0.9) throw new Error("rejected by fraud check");
  const payment = await charge(order, token, `checkout-${checkoutId}`, deadline);
  await orders.markPaid(order.id, payment.id);
  return order;
}
