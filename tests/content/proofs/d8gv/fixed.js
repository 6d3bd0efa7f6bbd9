// d8gv with the explanations' fixes: `let` (i2), a parsed and clamped page (i6),
// only the page parameter changed (i7). `window.__go` stands in for the
// `location.search = ...` assignment, which jsdom does not perform.
function renderPager(container, totalPages, currentPage, onSelect) {
  container.innerHTML = "";
  for (let i = 1; i <= totalPages; i++) {
    const btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = i;
    if (i === currentPage) {
      btn.className = "active";
      btn.setAttribute("aria-current", "page");
    }
    btn.addEventListener("click", function () {
      onSelect(i);
    });
    container.appendChild(btn);
  }
}

function readPageFromUrl(totalPages) {
  const params = new URLSearchParams(window.location.search);
  const n = Number.parseInt(params.get("page") ?? "", 10);
  return Number.isInteger(n) && n >= 1 && n <= totalPages ? n : 1;
}

renderPager(
  document.getElementById("pager"),
  window.catalog.totalPages,
  readPageFromUrl(window.catalog.totalPages),
  (page) => {
    const params = new URLSearchParams(location.search);
    params.set("page", page);
    window.__go("?" + params.toString());
  }
);
