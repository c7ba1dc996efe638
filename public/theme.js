// The theme before the first paint, by use-theme.ts's rule (no dark flash in the light theme).
(function () {
  var theme = new URLSearchParams(location.search).get('theme');
  if (theme !== 'light' && theme !== 'dark') {
    try {
      theme = localStorage.getItem('inch-dashboard.theme');
    } catch {
      theme = null;
    }
  }
  if (theme === 'light') {
    document.documentElement.setAttribute('data-theme', 'light');
    var meta = document.querySelector('meta[name="theme-color"]');
    if (meta) meta.setAttribute('content', '#f3f5f9');
  }
})();
