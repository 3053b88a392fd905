// factline page script: copy buttons, and answers without reloading the page. The page works
// without it: every form posts and the server renders the same result.
'use strict';
(function () {
  // Copy buttons are hidden in the HTML because they need this script.
  function reveal(root) {
    root.querySelectorAll('button[data-copy]').forEach(function (b) { b.hidden = false; });
  }

  async function copy(button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    var text = source.value;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // Older browsers, or a page without clipboard permission: copy the selection instead.
      source.select();
      document.execCommand('copy');
    }
    document.querySelectorAll('button[data-copied]').forEach(function (b) {
      delete b.dataset.copied;
      b.textContent = b.dataset.label;
    });
    button.dataset.label = button.dataset.label || button.textContent;
    button.dataset.copied = 'true';
    button.textContent = button.dataset.done;
  }

  async function submit(form, submitter) {
    var target = document.getElementById(form.dataset.fragment);
    var data = new FormData(form, submitter);
    var picture = data.get('image');
    var hasPicture = picture instanceof File && picture.size > 0;
    var body = data; // a picture goes as multipart/form-data, as the form would post it
    if (!hasPicture) {
      data.delete('image');
      body = new URLSearchParams(data);
    }
    form.setAttribute('aria-busy', 'true');
    try {
      var resp = await fetch(form.action, {
        method: 'POST', body: body, headers: { 'X-Factline-Fragment': '1' }, credentials: 'same-origin'
      });
      target.innerHTML = await resp.text();
    } catch (e) {
      form.submit(); // the network failed mid-way: fall back to a plain post
      return;
    } finally {
      form.removeAttribute('aria-busy');
    }
    // The picture has been answered: what is asked next is the text, unless another is chosen.
    if (hasPicture) form.querySelector('input[type="file"]').value = '';
    reveal(target);
    var heading = target.querySelector('h2[tabindex]');
    if (heading) heading.focus();
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-copy]');
    if (button) copy(button);
  });

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.dataset.fragment || !document.getElementById(form.dataset.fragment)) return;
    e.preventDefault();
    submit(form, e.submitter);
  });

  // Pasting a picture (a screenshot copied to the clipboard) puts it in the form's picture field
  // and asks at once; pasted text is left to the browser.
  document.addEventListener('paste', function (e) {
    var input = document.getElementById('image');
    if (!input || !input.form || !e.clipboardData) return;
    var file = null;
    for (var i = 0; i < e.clipboardData.items.length && !file; i++) {
      var item = e.clipboardData.items[i];
      if (item.kind === 'file' && /^image\//.test(item.type)) file = item.getAsFile();
    }
    if (!file) return;
    e.preventDefault();
    var files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
    input.form.requestSubmit();
  });

  // Changing the language answers the same text again in the new language.
  document.addEventListener('change', function (e) {
    if (e.target.id !== 'lang') return;
    var text = document.getElementById('text');
    if (text && text.value.trim() !== '') e.target.form.requestSubmit();
  });

  reveal(document);
})();
