// js13's widget with the explanations' fixes: messages only from the expected
// host origin (i3), text set with textContent, https: navigation only, and the
// ready message without the token, sent to the host's origin (i5).
const HOST_ORIGIN = "https://shop.customer.example";   // registered per customer
window.addEventListener("message", (event) => {
  if (event.origin !== HOST_ORIGIN) return;
  const msg = event.data;
  if (msg?.type === "open-article") {
    document.querySelector("#article").src = `/articles/${encodeURIComponent(msg.slug)}`;
  } else if (msg?.type === "set-user") {
    document.querySelector("#greeting").textContent = `Hi ${msg.name}, how can we help?`;
  } else if (msg?.type === "navigate") {
    const url = new URL(msg.url, location.href);
    if (url.protocol === "https:") location.href = url.href;
  }
});

parent.postMessage({ type: "ready" }, HOST_ORIGIN);

new ResizeObserver(() => {
  parent.postMessage({ type: "height", px: document.body.scrollHeight }, HOST_ORIGIN);
}).observe(document.body);
