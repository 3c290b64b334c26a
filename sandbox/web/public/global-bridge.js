// Local stand-in for Forge's global bridge script, injected as the FIRST script of every
// Custom UI index.html served from the resource origin. It installs the only thing the real
// @forge/bridge and @forge/jira-bridge need, globalThis.__bridge.callBridge(name, payload),
// and forwards every call to the host page (the parent window) over postMessage.
// Functions inside payloads (events.on callbacks, workflowRules.onConfigure) stay here and
// travel as callback ids; the host can call them back and receive their return value.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var hostOrigin = params.get('hostOrigin');
  var frameId = params.get('frameId');
  if (!hostOrigin || !frameId || window.parent === window) {
    console.error('[forge local bridge] this resource must be opened inside the sandbox host page (missing hostOrigin/frameId)');
  }
  var seq = 0;
  var pending = new Map();
  var callbacks = new Map();

  function post(msg) {
    msg.__forgeLocal = 1;
    msg.frameId = frameId;
    window.parent.postMessage(msg, hostOrigin);
  }

  function encode(v) {
    if (typeof v === 'function') {
      var id = 'fn' + ++seq;
      callbacks.set(id, v);
      return { __forgeFn: id };
    }
    if (Array.isArray(v)) return v.map(encode);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      var o = {};
      for (var k in v) o[k] = encode(v[k]);
      return o;
    }
    return v;
  }

  // Theming: the host tells us light or dark; Atlaskit reads the tokens from these attributes.
  function applyTheme(colorMode) {
    var html = document.documentElement;
    html.setAttribute('data-color-mode', colorMode);
    html.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
    if (!document.getElementById('forge-local-tokens')) {
      var link = document.createElement('link');
      link.id = 'forge-local-tokens';
      link.rel = 'stylesheet';
      link.href = '/__forge/tokens.css';
      (document.head || html).appendChild(link);
    }
  }

  window.addEventListener('message', function (e) {
    if (e.source !== window.parent || e.origin !== hostOrigin) return;
    var m = e.data;
    if (!m || m.__forgeLocal !== 1) return;
    if (m.type === 'response') {
      var p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) {
        var err = new Error(m.error.message);
        err.name = m.error.name || 'Error';
        p.reject(err);
      } else {
        if (p.name === 'enableTheming' && m.result && m.result.colorMode) applyTheme(m.result.colorMode);
        p.resolve(m.result);
      }
    } else if (m.type === 'callback') {
      var f = callbacks.get(m.fnId);
      Promise.resolve()
        .then(function () {
          if (!f) throw new Error('callback ' + m.fnId + ' is not registered in this frame');
          return f.apply(null, m.args || []);
        })
        .then(
          function (result) { if (m.callId) post({ type: 'callbackResult', callId: m.callId, result: result === undefined ? null : result }); },
          function (err) { if (m.callId) post({ type: 'callbackResult', callId: m.callId, error: { message: String((err && err.message) || err) } }); },
        );
    } else if (m.type === 'theme') {
      applyTheme(m.colorMode);
    }
  });

  globalThis.__bridge = {
    callBridge: function (name, payload) {
      return new Promise(function (resolve, reject) {
        var id = ++seq;
        pending.set(id, { resolve: resolve, reject: reject, name: name });
        post({ type: 'call', id: id, name: name, payload: encode(payload) });
      });
    },
  };

  // Size the iframe to its content, as Forge's iframe resizer does.
  var lastHeight = 0;
  function reportSize() {
    var body = document.body;
    if (!body) return;
    // The bottom of the lowest child, not scrollHeight: scrollHeight never shrinks below the
    // current iframe height, so a panel that gets shorter would keep its old size.
    var bottom = 0;
    for (var i = 0; i < body.children.length; i++) {
      var el = body.children[i];
      if (el.tagName === 'SCRIPT') continue;
      bottom = Math.max(bottom, el.getBoundingClientRect().bottom + window.scrollY + parseFloat(getComputedStyle(el).marginBottom || '0'));
    }
    var h = Math.ceil(bottom + parseFloat(getComputedStyle(body).paddingBottom || '0') + parseFloat(getComputedStyle(body).marginBottom || '0'));
    if (h !== lastHeight) {
      lastHeight = h;
      post({ type: 'resize', height: h });
    }
  }
  function startResize() {
    if (typeof ResizeObserver === 'function') {
      var ro = new ResizeObserver(reportSize);
      ro.observe(document.body);
      // React renders into #root after load: watch children as they appear.
      new MutationObserver(function () {
        for (var i = 0; i < document.body.children.length; i++) ro.observe(document.body.children[i]);
        reportSize();
      }).observe(document.body, { childList: true, subtree: true });
    }
    reportSize();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startResize);
  else startResize();
})();
