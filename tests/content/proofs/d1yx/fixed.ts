// d1yx with the explanations' fixes: the wire format typed as it is and
// converted at the boundary (i3), the status checked (i6), months padded (i4).
export interface Order {
  id: string;
  totalCents: number;
  currency: "EUR";
  createdAt: Date;
  items: { sku: string; qty: number }[];
}

interface WireOrder extends Omit<Order, "createdAt"> { createdAt: string }

function isWireOrders(body: unknown): body is { orders: WireOrder[] } {
  return typeof body === "object" && body !== null && Array.isArray((body as { orders?: unknown }).orders) &&
    (body as { orders: unknown[] }).orders.every((o) => typeof o === "object" && o !== null &&
      typeof (o as WireOrder).createdAt === "string" && Number.isInteger((o as WireOrder).totalCents));
}

export class HttpError extends Error { constructor(public status: number) { super(`HTTP ${status}`); } }

export async function fetchOrders(customerId: string): Promise<Order[]> {
  const res = await fetch(`/api/customers/${customerId}/orders`);
  if (!res.ok) throw new HttpError(res.status);
  const body: unknown = await res.json();
  if (!isWireOrders(body)) throw new Error("unexpected orders payload");
  return body.orders.map((raw) => ({ ...raw, createdAt: new Date(raw.createdAt) }));
}

export async function monthlySpend(customerId: string): Promise<Map<string, number>> {
  const orders = await fetchOrders(customerId);
  const byMonth = new Map<string, number>();
  for (const o of orders) {
    const key = `${o.createdAt.getFullYear()}-${String(o.createdAt.getMonth() + 1).padStart(2, "0")}`;
    byMonth.set(key, (byMonth.get(key) ?? 0) + o.totalCents);
  }
  return byMonth;
}

export function formatSpend(byMonth: Map<string, number>): string[] {
  return [...byMonth.keys()]
    .sort()
    .map((k) => `${k}: €${(byMonth.get(k)! / 100).toFixed(2)}`);
}
