// Search-as-you-type pickers (core/pickers.py): when htmx has put the matches of a search into a picker's select,
// tell the form that the choice changed (the meeting form reloads its roster on a change of unit).
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (target && target.matches && target.matches("select[data-picker]")) {
    target.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
