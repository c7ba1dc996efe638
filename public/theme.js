// The theme before the first paint, by use-theme.ts's rule (no dark flash in the light theme):
// `?theme=` (auto, dark or light), else the stored choice, else auto, which follows the device's
// light or dark setting.
(function () {
  var valid = { auto: 1, dark: 1, light: 1 };
  var choice = new URLSearchParams(location.search).get('theme');
  if (!valid[choice]) {
    try {
      choice = localStorage.getItem('inch-dashboard.theme');
    } catch {
      choice = null;
    }
  }
  if (!valid[choice]) choice = 'auto';
  var theme = choice === 'auto' ? (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark') : choice;
  var root = document.documentElement;
  root.setAttribute('data-theme', theme);
  root.setAttribute('data-theme-choice', choice);
  if (theme === 'light') {
    var meta = document.querySelector('meta[name="theme-color"]');
    if (meta) meta.setAttribute('content', '#f3f5f9');
  }
})();
