/* Live character count and length guidance for SEO title and meta description fields.
   A Stimulus controller on Wagtail's own application: <input data-controller="seo-count"
   data-seo-count-min-value="50" data-seo-count-max-value="160">. Without JavaScript the
   field's help text gives the same guidance. */
(() => {
  if (!window.wagtail || !window.wagtail.app || !window.StimulusModule) return;

  class SeoCountController extends window.StimulusModule.Controller {
    static values = { min: Number, max: Number };

    connect() {
      this.output = document.createElement('p');
      this.output.className = 'help seo-count';
      this.output.id = `${this.element.id}-seo-count`;
      this.output.setAttribute('aria-live', 'polite');
      this.element.insertAdjacentElement('afterend', this.output);
      const described = this.element.getAttribute('aria-describedby');
      this.element.setAttribute(
        'aria-describedby',
        described ? `${described} ${this.output.id}` : this.output.id,
      );
      this.update = this.update.bind(this);
      this.element.addEventListener('input', this.update);
      this.update();
    }

    disconnect() {
      this.element.removeEventListener('input', this.update);
      this.output.remove();
    }

    update() {
      const count = this.element.value.trim().length;
      const range = `aim for ${this.minValue}–${this.maxValue}`;
      let advice;
      if (count === 0) advice = `empty: the default is used (${range})`;
      else if (count < this.minValue) advice = `short: ${range}`;
      else if (count > this.maxValue) advice = `too long: search results may cut it off after ${this.maxValue}`;
      else advice = 'good length';
      this.output.textContent = `${count} characters: ${advice}.`;
      this.output.dataset.state = count > this.maxValue ? 'long' : count < this.minValue ? 'short' : 'ok';
    }
  }

  window.wagtail.app.register('seo-count', SeoCountController);
})();
