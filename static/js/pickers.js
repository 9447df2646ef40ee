// Search-as-you-type pickers (core/pickers.py): htmx puts the matches of a search into a picker's select, the choice
// already made kept first and still chosen. Should the chosen option change all the same, tell the form (the meeting
// form reloads its roster on a change of unit); a search alone changes nothing.
document.addEventListener("htmx:beforeSwap", function (event) {
  var target = event.detail.target;
  if (target && target.matches && target.matches("select[data-picker]")) {
    target.dataset.before = target.value;
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (target && target.matches && target.matches("select[data-picker]") && target.value !== target.dataset.before) {
    target.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
