/* Evaluate functions for the health-content rules of Wagtail's content checker
   (spa_site/seo/content_checks.py). Loaded right after Wagtail's userbar script, before
   the checker runs on window load. */
(() => {
  const userbar = document.querySelector('wagtail-userbar');
  if (!userbar || typeof userbar.registerCheck !== 'function') return;
  const textOf = (node) => (node.textContent || '').replace(/\s+/g, ' ');
  // The sentences come from the server's health-claims check; an element fails when it shows one.
  userbar.registerCheck('check-health-claim-words', (node, options) => {
    const text = textOf(node);
    return !(options.sentences || []).some((sentence) => text.includes(sentence));
  });
  userbar.registerCheck('check-see-a-doctor', (node, options) => Boolean(options.present));
  userbar.registerCheck('check-medical-disclaimer', (node, options) =>
    new RegExp(options.pattern, 'i').test(textOf(document.querySelector('main') || document.body)),
  );
})();
