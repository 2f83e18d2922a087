/**
 * The page's script, inline so the report works offline. It reads the embedded JSON report and
 * builds the list with textContent and createElement only: no scanned text is ever parsed as HTML.
 * Findings are shown a page at a time, so 10,000 of them stay as quick to filter as 100.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var PAGE = 200;
  var SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  var data = JSON.parse(document.getElementById('vigil-data').textContent);
  var rulesById = {};
  data.rules.forEach(function (r) { rulesById[r.id] = r; });

  function prop(f, key) { return f.properties && Object.prototype.hasOwnProperty.call(f.properties, key) ? f.properties[key] : undefined; }
  function statusOf(f) {
    var s = prop(f, 'baseline');
    if (s === 'existing') return s;
    if (f.suppression) return 'suppressed';
    return s === 'new' ? s : 'open';
  }
  function reachabilityOf(f) {
    var r = prop(f, 'reachability');
    if (r && typeof r === 'object' && typeof r.verdict === 'string') return r.verdict;
    return typeof r === 'string' ? r : '';
  }
  var items = data.findings.map(function (f, i) {
    var words = [f.ruleId, f.title, f.message, f.location.path, f.location.snippet || '', (f.advisoryIds || []).join(' '), f.package ? f.package.name + ' ' + f.package.version : '', (f.cwe || []).join(' ')];
    return { f: f, i: i, status: statusOf(f), reach: reachabilityOf(f), sev: SEVERITIES.indexOf(f.severity), text: words.join('\n').toLowerCase() };
  });

  var el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  };

  var controls = {
    search: document.getElementById('q'), severity: document.getElementById('f-severity'), kind: document.getElementById('f-kind'),
    rule: document.getElementById('f-rule'), file: document.getElementById('f-file'), status: document.getElementById('f-status'),
    reach: document.getElementById('f-reach'), sort: document.getElementById('sort')
  };
  function fill(select, values) {
    values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); });
  }
  function distinct(fn) { var seen = {}; items.forEach(function (it) { var v = fn(it); if (v) seen[v] = true; }); return Object.keys(seen).sort(); }
  fill(controls.severity, SEVERITIES.filter(function (s) { return items.some(function (it) { return it.f.severity === s; }); }));
  fill(controls.kind, distinct(function (it) { return it.f.kind; }));
  fill(controls.rule, distinct(function (it) { return it.f.ruleId; }));
  fill(controls.file, distinct(function (it) { return it.f.location.path; }));
  fill(controls.status, distinct(function (it) { return it.status; }));
  var reaches = distinct(function (it) { return it.reach; });
  if (reaches.length) fill(controls.reach, reaches); else controls.reach.parentNode.hidden = true;

  var list = document.getElementById('findings');
  var count = document.getElementById('count');
  var more = document.getElementById('more');
  var matches = [];
  var shown = 0;

  function compare(mode) {
    var byPlace = function (a, b) {
      var pa = a.f.location.path, pb = b.f.location.path;
      return pa < pb ? -1 : pa > pb ? 1 : a.f.location.startLine - b.f.location.startLine || a.i - b.i;
    };
    if (mode === 'file') return byPlace;
    if (mode === 'rule') return function (a, b) { return a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : a.sev - b.sev || byPlace(a, b); };
    return function (a, b) { return a.sev - b.sev || byPlace(a, b); };
  }

  function place(loc) { return loc.path + (loc.startLine > 0 ? ':' + loc.startLine : ''); }
  function code(snippet) {
    var pre = el('pre');
    var c = el('code');
    snippet.split('\n').forEach(function (line) { c.appendChild(el('mark', { text: line })); });
    pre.appendChild(c);
    return pre;
  }
  function section(title, nodes) { return [el('h3', { text: title })].concat(nodes); }
  function tree(path) {
    var root = el('ul', { class: 'tree' });
    var parent = root;
    path.forEach(function (name) { var li = el('li', { text: name }); var ul = el('ul', { class: 'tree' }); li.appendChild(ul); parent.appendChild(li); parent = ul; });
    return root;
  }

  function detail(f) {
    var out = [el('p', { text: f.message })];
    out = out.concat(section('Location', [el('p', { text: place(f.location) + (f.location.endLine > f.location.startLine ? '–' + f.location.endLine : '') })]));
    if (f.location.snippet) out.push(code(f.location.snippet));
    if (f.flow.length) {
      var ol = el('ol', { class: 'flow', 'aria-label': 'Taint flow, source to sink' });
      f.flow.forEach(function (step) {
        var li = el('li', null, [el('strong', { text: step.message }), ' ', el('span', { class: 'where', text: place(step.location) })]);
        if (step.location.snippet) li.appendChild(code(step.location.snippet));
        ol.appendChild(li);
      });
      out = out.concat(section('Flow', [ol]));
    }
    if (f.otherFlows && f.otherFlows.length) {
      var others = el('ul', { 'aria-label': 'Other sources reaching this sink' });
      f.otherFlows.forEach(function (flow) {
        if (flow.length) others.appendChild(el('li', null, [el('strong', { text: flow[0].message }), ' ', el('span', { class: 'where', text: place(flow[0].location) })]));
      });
      out = out.concat(section('Also reached from', [others]));
    }
    var rule = rulesById[f.ruleId];
    var fixes = [];
    if (f.fix) { fixes.push(el('p', { text: f.fix.description })); if (f.fix.replacement) fixes.push(code(f.fix.replacement.text)); }
    if (rule && rule.fixHint && (!f.fix || f.fix.description !== rule.fixHint)) fixes.push(el('p', { text: rule.fixHint }));
    if (fixes.length) out = out.concat(section('Fix', fixes));
    var reach = prop(f, 'reachability');
    if (reach && typeof reach === 'object' && typeof reach.verdict === 'string') {
      var why = [el('p', { text: reach.verdict + ': ' + (reach.reason || '') + (f.nonGating ? ' (not counted: ' + f.nonGating + ')' : '') })];
      var ev = el('ul', { 'aria-label': 'Evidence' });
      (Array.isArray(reach.evidence) ? reach.evidence : []).forEach(function (e) {
        ev.appendChild(el('li', null, [el('span', { class: 'where', text: e.path + ':' + e.line }), e.snippet ? ' ' : '', e.snippet ? code(e.snippet) : null]));
      });
      if (ev.childNodes.length) why.push(ev);
      out = out.concat(section('Reachability', why));
    }
    if (f.package) {
      var p = f.package;
      var pkg = [el('p', { text: p.ecosystem + ' ' + p.name + '@' + p.version + (p.direct === true ? ' (direct)' : p.direct === false ? ' (transitive)' : '') + (p.dev ? ', dev' : '') })];
      var fixed = p.fixedVersions && p.fixedVersions.length ? p.fixedVersions.join(', ') : p.fixedVersion;
      pkg.push(el('p', { text: fixed ? 'Fixed in ' + fixed : 'No fixed version' }));
      (p.paths || []).slice(0, 5).forEach(function (path) { pkg.push(tree(path)); });
      out = out.concat(section('Package', pkg));
    }
    if (f.image) {
      var im = f.image;
      var layer = [el('p', { text: im.ref + (im.layerIndex !== null ? ', layer ' + im.layerIndex : '') + (im.layerDigest ? ' (' + im.layerDigest + ')' : '') })];
      if (im.createdBy) layer.push(code(im.createdBy));
      out = out.concat(section('Image layer', layer));
    }
    var facts = [];
    if (f.cwe.length) facts.push(f.cwe.join(', '));
    if (f.advisoryIds.length) facts.push(f.advisoryIds.join(', '));
    var precision = prop(f, 'precision') || (rule && rule.precision);
    if (precision) facts.push('precision: ' + precision);
    var reach = reachabilityOf(f);
    if (reach) facts.push('reachability: ' + reach);
    if (f.suppression) facts.push('suppressed (' + f.suppression.kind + ')' + (f.suppression.justification ? ': ' + f.suppression.justification : ''));
    facts.push('fingerprint ' + f.fingerprint);
    out = out.concat(section('Details', [el('p', { text: facts.join(' · ') })]));
    return out;
  }

  function row(item) {
    var f = item.f;
    var id = 'd-' + item.i;
    var button = el('button', { class: 'toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': id }, [
      el('span', null, [el('span', { class: 'sev ' + f.severity, text: f.severity })]),
      el('span', null, [el('strong', { text: f.title }), el('span', { class: 'tag', text: f.ruleId }),
        item.status !== 'open' ? el('span', { class: 'tag', text: item.status }) : null,
        item.reach ? el('span', { class: 'tag', text: item.reach }) : null,
        el('span', { class: 'where', text: place(f.location) + (f.package ? ' · ' + f.package.name + '@' + f.package.version : '') })])
    ]);
    var box = el('div', { class: 'detail', id: id, hidden: '' });
    button.addEventListener('click', function () { toggle(button, box, item); });
    return el('li', { class: 'finding' }, [button, box]);
  }
  function toggle(button, box, item, open) {
    var expand = open === undefined ? button.getAttribute('aria-expanded') !== 'true' : open;
    if (expand && !box.firstChild) detail(item.f).forEach(function (n) { box.appendChild(n); });
    button.setAttribute('aria-expanded', String(expand));
    box.hidden = !expand;
  }

  function showMore() {
    var end = Math.min(matches.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var k = shown; k < end; k++) frag.appendChild(row(matches[k]));
    list.appendChild(frag);
    shown = end;
    more.hidden = shown >= matches.length;
    more.textContent = 'Show ' + Math.min(PAGE, matches.length - shown) + ' more (' + (matches.length - shown) + ' not shown)';
  }
  function apply() {
    var q = controls.search.value.trim().toLowerCase();
    var want = { severity: controls.severity.value, kind: controls.kind.value, rule: controls.rule.value, file: controls.file.value, status: controls.status.value, reach: controls.reach.value };
    matches = items.filter(function (it) {
      return (!want.severity || it.f.severity === want.severity) && (!want.kind || it.f.kind === want.kind) &&
        (!want.rule || it.f.ruleId === want.rule) && (!want.file || it.f.location.path === want.file) &&
        (!want.status || it.status === want.status) && (!want.reach || it.reach === want.reach) &&
        (!q || it.text.indexOf(q) !== -1);
    });
    matches.sort(compare(controls.sort.value));
    list.textContent = '';
    shown = 0;
    count.textContent = matches.length + ' of ' + items.length + ' findings';
    showMore();
  }
  var pending = 0;
  controls.search.addEventListener('input', function () { clearTimeout(pending); pending = setTimeout(apply, 120); });
  ['severity', 'kind', 'rule', 'file', 'status', 'reach', 'sort'].forEach(function (k) { controls[k].addEventListener('change', apply); });
  more.addEventListener('click', showMore);
  // Printing shows every matching finding opened.
  window.addEventListener('beforeprint', function () {
    while (shown < matches.length) showMore();
    list.querySelectorAll('li.finding').forEach(function (li, k) { toggle(li.firstChild, li.lastChild, matches[k], true); });
  });
  apply();
})();
`;
