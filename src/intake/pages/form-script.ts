/**
 * The form's only script (inline, allowed by the response's CSP nonce). Solves the ALTCHA v2
 * SHA-256 challenge embedded in the page with WebCrypto and puts the proof in the form, so the
 * tipster need not wait; without JavaScript (or WebCrypto) the signed wait token stays.
 * It also lets the tipster switch province in place, loading communes from the localities API.
 */
export const FORM_SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('tip-form');
  var data = document.getElementById('pow-challenge');
  if (!form || !data) return;
  var statusEl = document.getElementById('pow-status');
  var proof = form.querySelector('input[name="proof"]');
  var challenge = JSON.parse(data.textContent);
  var p = challenge.parameters;
  function fromHex(h) { var b = new Uint8Array(h.length / 2); for (var i = 0; i < b.length; i++) b[i] = parseInt(h.substr(i * 2, 2), 16); return b; }
  function toHex(b) { var s = ''; for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16); return s; }
  var solved = null;
  var solving = null;
  if (window.crypto && crypto.subtle && window.TextEncoder) {
    statusEl.textContent = statusEl.getAttribute('data-working');
    solving = (async function () {
      var salt = fromHex(p.salt), nonce = fromHex(p.nonce), want = fromHex(p.keyPrefix);
      var buf = new Uint8Array(salt.length + nonce.length + 4);
      buf.set(salt, 0); buf.set(nonce, salt.length);
      var view = new DataView(buf.buffer);
      for (var n = 0; n <= 0xffffffff; n++) {
        view.setUint32(salt.length + nonce.length, n, false);
        var key = new Uint8Array(await crypto.subtle.digest('SHA-256', buf)).subarray(0, p.keyLength || 32);
        var ok = true;
        for (var i = 0; i < want.length; i++) { if (key[i] !== want[i]) { ok = false; break; } }
        if (ok) {
          solved = 'altcha:' + btoa(JSON.stringify({ challenge: challenge, solution: { counter: n, derivedKey: toHex(key) } }));
          proof.value = solved;
          statusEl.textContent = statusEl.getAttribute('data-done');
          form.setAttribute('data-pow', 'solved');
          return;
        }
      }
    })();
  }
  // The server refuses forms younger than its minimum age: hold a quick submission until then.
  var readyAt = performance.now() + 1000 * Number(form.getAttribute('data-min-age') || 0);
  form.addEventListener('submit', function (e) {
    var early = performance.now() < readyAt;
    if ((solving && !solved) || early) {
      e.preventDefault();
      statusEl.textContent = statusEl.getAttribute('data-working');
      Promise.resolve(solving).then(function () {
        setTimeout(function () { form.submit(); }, Math.max(0, readyAt - performance.now()) + 250);
      });
    }
  });

  var province = document.getElementById('province-switch');
  var commune = document.getElementById('locality');
  if (province && commune) {
    province.hidden = false;
    var select = province.querySelector('select');
    select.addEventListener('change', async function () {
      var items = [], cursor = null;
      do {
        var url = '/api/v1/localities?level=commune&limit=100&parent=' + encodeURIComponent(select.value) + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
        var res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
        if (!res.ok) return;
        var page = await res.json();
        items = items.concat(page.items); cursor = page.nextCursor;
      } while (cursor);
      var first = commune.options[0];
      commune.innerHTML = '';
      commune.appendChild(first);
      items.forEach(function (l) { var o = document.createElement('option'); o.value = l.code; o.textContent = l.name; commune.appendChild(o); });
      var hiddenProvince = form.querySelector('input[name="province"]');
      if (hiddenProvince) hiddenProvince.value = select.value;
    });
  }
})();
`;
