// Host-page side of the local Forge bridge: answers the callBridge() requests that app
// iframes (resource origin) send over postMessage, the way Jira's frame host does.
// Contexts are built by the server from the frame's target and the signed-in (cookie) user,
// never from anything the iframe says. Page scripts use window.__forgeHost.
(function () {
  'use strict';
  var cfg = window.__FORGE_HOST__; // { resourceOrigin, colorMode, frames: { [frameId]: { moduleKey, target } } }
  var subscribers = []; // { frameId, event, fnId }
  var themed = new Set();
  var configureCallbacks = new Map(); // frameId -> fnId of workflowRules.onConfigure
  var callbackCalls = new Map();
  var callSeq = 0;
  var log = (window.__forgeHostLog = []);

  function frameEl(frameId) {
    return document.querySelector('iframe[data-frame-id="' + frameId + '"]');
  }
  function send(frameId, msg) {
    var el = frameEl(frameId);
    msg.__forgeLocal = 1;
    if (el && el.contentWindow) el.contentWindow.postMessage(msg, cfg.resourceOrigin);
  }
  async function post(url, body) {
    var r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    var text = await r.text();
    var j;
    try { j = JSON.parse(text); } catch (e) { throw new Error('The sandbox answered ' + r.status + ' ' + text.slice(0, 200)); }
    if (!r.ok) throw new Error(j.message || 'The sandbox answered HTTP ' + r.status);
    return j;
  }
  function frameRef(f) {
    return { moduleKey: f.moduleKey, target: f.target };
  }

  function showFlag(p) {
    var box = document.getElementById('flags');
    if (!box) return;
    var el = document.createElement('div');
    el.className = 'flag flag-' + (p.type || 'info');
    el.setAttribute('role', 'alert');
    el.dataset.flagId = p.id;
    var t = document.createElement('strong');
    t.textContent = p.title || '';
    var d = document.createElement('div');
    d.textContent = p.description || '';
    el.appendChild(t);
    el.appendChild(d);
    box.appendChild(el);
    if (p.isAutoDismiss) setTimeout(function () { el.remove(); }, 8000);
  }

  function navigateTo(p) {
    var url;
    if (p.url) url = p.url;
    else if (p.target === 'issue' && p.issueKey) url = '/browse/' + encodeURIComponent(p.issueKey);
    else if (p.target === 'dashboard') url = '/dashboard';
    else if (p.target === 'projectSettingsDetails' || p.target === 'project') url = '/projects/' + encodeURIComponent(p.projectKey || 'LCOO') + '/issues';
    else throw new Error('The local sandbox cannot navigate to target ' + JSON.stringify(p.target));
    if (p.type === 'new-tab') window.open(url, '_blank', 'noopener');
    else window.location.assign(url);
    return true;
  }

  var handlers = {
    getContext: function (p, f) { return post('/__forge/context', frameRef(f)); },
    invoke: async function (p, f) {
      var r = await post('/__forge/invoke', Object.assign(frameRef(f), { functionKey: p.functionKey, payload: p.payload }));
      return r.result;
    },
    fetchProduct: function (p, f) {
      if (p.product !== 'jira') throw new Error('The local sandbox only has Jira: requestProduct to ' + p.product + ' is not available');
      return post('/__forge/fetch-product', { restPath: p.restPath, fetchRequestInit: p.fetchRequestInit });
    },
    navigate: function (p) { return navigateTo(p); },
    reload: function () { window.location.reload(); return true; },
    submit: async function (p, f) {
      if (f.target.kind === 'gadget' && f.target.entryPoint === 'edit') {
        await post('/__forge/gadget-config', { moduleKey: f.moduleKey, dashboardId: f.target.dashboardId, gadgetId: f.target.gadgetId, config: p });
        window.location.assign('/dashboard');
        return true;
      }
      return false; // @forge/bridge turns false into "this resource's view is not submittable."
    },
    close: function (p, f) {
      if (f.target.kind === 'gadget' && f.target.entryPoint === 'edit') {
        window.location.assign('/dashboard');
        return true;
      }
      return false;
    },
    refresh: function (p, f) {
      var el = frameEl(f.frameId);
      if (!el) return false;
      el.src = el.src;
      return true;
    },
    enableTheming: function (p, f) {
      themed.add(f.frameId);
      return { colorMode: document.documentElement.getAttribute('data-color-mode') || 'light' };
    },
    getFrameId: function (p, f) { return f.frameId; },
    emitReadyEvent: function () { return true; },
    changeWindowTitle: function (p) { document.title = String(p); return true; },
    showFlag: function (p) { showFlag(p); return true; },
    closeFlag: function (p) {
      var el = document.querySelector('[data-flag-id="' + CSS.escape(p.id) + '"]');
      if (el) el.remove();
      return true;
    },
    on: function (p, f) {
      subscribers.push({ frameId: f.frameId, event: p.event, fnId: p.callback && p.callback.__forgeFn });
      return null;
    },
    emit: function (p) {
      subscribers
        .filter(function (s) { return s.event === p.event; })
        .forEach(function (s) { send(s.frameId, { type: 'callback', fnId: s.fnId, args: [p.payload] }); });
      return null;
    },
    setWorkflowRuleConfigurationCallback: function (p, f) {
      var fn = p && p.data && p.data.onConfigure && p.data.onConfigure.__forgeFn;
      if (!fn) throw new Error('workflowRules.onConfigure needs a function');
      if (f.target.kind !== 'validator') return false;
      configureCallbacks.set(f.frameId, fn);
      return true;
    },
  };
  handlers.onPublic = handlers.on;
  handlers.emitPublic = handlers.emit;

  window.addEventListener('message', async function (e) {
    if (e.origin !== cfg.resourceOrigin) return;
    var m = e.data;
    if (!m || m.__forgeLocal !== 1) return;
    var f = cfg.frames[m.frameId];
    var el = frameEl(m.frameId);
    if (!f || !el || el.contentWindow !== e.source) return;
    f.frameId = m.frameId;
    if (m.type === 'resize') {
      el.style.height = Math.max(40, m.height) + 'px';
      return;
    }
    if (m.type === 'callbackResult') {
      var c = callbackCalls.get(m.callId);
      if (c) {
        callbackCalls.delete(m.callId);
        if (m.error) c.reject(new Error(m.error.message)); else c.resolve(m.result);
      }
      return;
    }
    if (m.type !== 'call') return;
    log.push({ frameId: m.frameId, call: m.name });
    try {
      var h = handlers[m.name];
      if (!h) throw new Error("The local Forge sandbox does not implement the bridge call '" + m.name + "'");
      var result = await h(m.payload, f);
      send(m.frameId, { type: 'response', id: m.id, result: result === undefined ? null : result });
    } catch (err) {
      send(m.frameId, { type: 'response', id: m.id, error: { message: String((err && err.message) || err), name: (err && err.name) || 'Error' } });
    }
  });

  function callFrameCallback(frameId, fnId, args) {
    return new Promise(function (resolve, reject) {
      var callId = 'c' + ++callSeq;
      callbackCalls.set(callId, { resolve: resolve, reject: reject });
      send(frameId, { type: 'callback', fnId: fnId, args: args || [], callId: callId });
      setTimeout(function () {
        if (callbackCalls.delete(callId)) reject(new Error('The app did not answer within 25 s'));
      }, 25000);
    });
  }

  window.__forgeHost = {
    /** What Jira does when "Add"/"Update" is clicked in a validator's config UI. */
    workflowConfigure: function (frameId) {
      var fnId = configureCallbacks.get(frameId);
      if (!fnId) return Promise.reject(new Error('The app has not called workflowRules.onConfigure(...) yet, so there is nothing to save.'));
      return callFrameCallback(frameId, fnId, []);
    },
    setColorMode: function (mode) {
      document.documentElement.setAttribute('data-color-mode', mode);
      document.cookie = 'sandbox_theme=' + mode + '; path=/; SameSite=Lax';
      themed.forEach(function (frameId) { send(frameId, { type: 'theme', colorMode: mode }); });
    },
    log: log,
  };
})();
