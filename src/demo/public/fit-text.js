// Flex `adjustMode: "shrink-to-fit"`: LINE narrows the font of a one-line text or a button
// label until it fits its width. CSS cannot, so after a message is drawn each such element
// steps its font size down until nothing overflows (never below 60 % of its size).

/** Shrinks every `.fx-shrink` under `root`; `again` first restores the sizes (text size switched). */
export function fitText(root, again = false) {
  for (const el of root.querySelectorAll('.fx-shrink')) {
    if (again && el.dataset.fontSize !== undefined) el.style.fontSize = el.dataset.fontSize;
    el.dataset.fontSize ??= el.style.fontSize;
    const full = parseFloat(getComputedStyle(el).fontSize);
    for (let size = full; el.scrollWidth > el.clientWidth + 1 && size > full * 0.6; size -= 0.5)
      el.style.fontSize = `${size}px`;
  }
}
