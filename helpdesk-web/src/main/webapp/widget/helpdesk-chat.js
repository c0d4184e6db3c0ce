/*
 * The helpdesk's chat widget. A store embeds it with one tag:
 *
 *   <script>window.helpdeskChat = {context: {cartId: "c-9", orderNumber: "A1001", cartTotal: 149.5,
 *           currency: "SAR", checkoutStep: "payment"},
 *           identity: {name: "Huda", email: "huda@example.com", signature: "<hex HMAC>"}};</script>
 *   <script src="https://helpdesk.example/widget/helpdesk-chat.js" data-widget="my-store" async></script>
 *
 * No framework, no CDN; everything lives in a shadow root so the page's CSS and ours never meet.
 * Language and direction follow the page's <html lang/dir> (or the browser). Protocol:
 * docs/chat-protocol.md. Shopper and agent text is always inserted as text, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-widget]");
  if (!script || window.__helpdeskChatLoaded) return;
  window.__helpdeskChatLoaded = true;
  var WIDGET = script.getAttribute("data-widget");
  var BASE = new URL(".", new URL(script.src, location.href)).href.replace(/widget\/$/, "");
  var WS = BASE.replace(/^http/, "ws") + "ws/chat?widget=" + encodeURIComponent(WIDGET);
  var settings = window.helpdeskChat || {};
  var pageLang = (document.documentElement.lang || navigator.language || "en").toLowerCase();
  var AR = pageLang.indexOf("ar") === 0;
  var RTL = (document.documentElement.dir || (AR ? "rtl" : "ltr")).toLowerCase() === "rtl";
  var STORE = "helpdesk-chat:" + WIDGET;

  var T = AR ? {
    open: "تحدث معنا", title: "الدعم", placeholder: "اكتب رسالتك…", send: "إرسال",
    attach: "إرفاق ملف", typing: " يكتب…", delivered: "تم التسليم", read: "تمت القراءة",
    sending: "جارٍ الإرسال…", failed: "لم يُرسل", offline: "لا يوجد موظف متصل الآن.",
    leaveEmail: "اترك بريدك الإلكتروني وسنرد عليك هناك:", save: "حفظ", saved: "شكرًا، سنرد على بريدك.",
    name: "الاسم", email: "البريد الإلكتروني", topic: "الموضوع", start: "ابدأ المحادثة",
    reconnecting: "إعادة الاتصال…", close: "إغلاق", you: "أنت",
    suggested: "مقالات قد تجيب سؤالك", answered: "أجاب هذا عن سؤالي", person: "لا، أريد التحدث مع شخص",
    thanks: "يسعدنا ذلك! أُغلقت المحادثة، ويمكنك الكتابة في أي وقت.", back: "رجوع",
    scores: ["سيئ جداً", "ضعيف", "مقبول", "جيد", "ممتاز"], comment: "تعليق (اختياري)",
    rate: "إرسال التقييم", rated: "شكراً على تقييمك!",
    topics: {checkout: "إتمام الشراء", payment: "الدفع", shipping: "الشحن والتوصيل",
      "order-status": "حالة الطلب", returns: "الإرجاع والاسترداد", other: "أخرى"}
  } : {
    open: "Chat with us", title: "Support", placeholder: "Type your message…", send: "Send",
    attach: "Attach a file", typing: " is typing…", delivered: "Delivered", read: "Read",
    sending: "Sending…", failed: "Not sent", offline: "No one is online right now.",
    leaveEmail: "Leave your e-mail and we will answer there:", save: "Save",
    saved: "Thanks, we will answer by e-mail.", name: "Name", email: "E-mail", topic: "Topic",
    start: "Start chat", reconnecting: "Reconnecting…", close: "Close", you: "You",
    suggested: "Articles that may answer your question", answered: "This answered my question",
    person: "No, talk to a person", thanks: "Glad it helped! The chat is closed; write any time.",
    back: "Back", scores: ["Very poor", "Poor", "OK", "Good", "Excellent"],
    comment: "Comment (optional)", rate: "Send rating", rated: "Thank you for your rating!",
    topics: {checkout: "Checkout", payment: "Payment", shipping: "Shipping & delivery",
      "order-status": "Order status", returns: "Returns & refunds", other: "Other"}
  };

  var state = load();
  var ws = null, backoff = 500, lastSeq = 0, widgetConfig = null, agentsOnline = true;
  var pending = {}, rendered = {}, typingTimer = null, pingTimer = null, sentTyping = 0;

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // ---- the DOM, in a shadow root ---------------------------------------------------------------
  var host = document.createElement("div");
  host.id = "helpdesk-chat";
  var root = host.attachShadow({mode: "open"});
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = BASE + "widget/helpdesk-chat.css";
  root.appendChild(style);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  /** A line icon (our own glyphs: the page may have no emoji font). */
  function icon(path) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    var p = document.createElementNS("http://www.w3.org/2000/svg", "path");
    p.setAttribute("d", path);
    p.setAttribute("fill", "none");
    p.setAttribute("stroke", "currentColor");
    p.setAttribute("stroke-width", "2");
    p.setAttribute("stroke-linejoin", "round");
    p.setAttribute("stroke-linecap", "round");
    svg.appendChild(p);
    return svg;
  }
  var wrap = el("div", "hd-wrap" + (RTL ? " hd-rtl" : ""));
  wrap.dir = RTL ? "rtl" : "ltr";
  wrap.lang = AR ? "ar" : "en";
  var launcher = el("button", "hd-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", T.open);
  launcher.setAttribute("aria-expanded", "false");
  launcher.appendChild(icon("M4 4h16v11H8l-4 4z"));
  launcher.appendChild(el("span", "hd-launcher-text", T.open));
  var panel = el("section", "hd-panel");
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", T.title);
  var header = el("header", "hd-header");
  var title = el("h2", "hd-title", T.title);
  var closeBtn = el("button", "hd-close", "×");
  closeBtn.type = "button";
  closeBtn.setAttribute("aria-label", T.close);
  header.appendChild(title);
  header.appendChild(closeBtn);
  var status = el("div", "hd-status");
  status.setAttribute("role", "status");
  var log = el("ol", "hd-log");
  log.setAttribute("aria-live", "polite");
  var typingLine = el("div", "hd-typing");
  var form = el("form", "hd-compose");
  var input = el("textarea", "hd-input");
  input.rows = 1;
  input.placeholder = T.placeholder;
  input.setAttribute("aria-label", T.placeholder);
  input.dir = "auto";
  input.maxLength = 4000;
  var file = el("input");
  file.type = "file";
  file.accept = "image/png,image/jpeg,image/gif,image/webp,application/pdf";
  file.className = "hd-file-input"; // visually hidden; the attach button opens it
  file.tabIndex = -1;
  var attachBtn = el("button", "hd-attach");
  attachBtn.appendChild(icon("M16.5 6.5l-7.8 7.8a2 2 0 0 0 2.8 2.8l7.8-7.8a4 4 0 0 0-5.6-5.6l-7.8 7.8a6 6 0 0 0 8.5 8.5l6.4-6.4"));
  attachBtn.type = "button";
  attachBtn.setAttribute("aria-label", T.attach);
  var sendBtn = el("button", "hd-send", T.send);
  sendBtn.type = "submit";
  form.appendChild(attachBtn);
  form.appendChild(file);
  form.appendChild(input);
  form.appendChild(sendBtn);
  panel.appendChild(header);
  panel.appendChild(status);
  panel.appendChild(log);
  panel.appendChild(typingLine);
  var suggestBox = el("div", "hd-suggest");
  suggestBox.hidden = true;
  suggestBox.setAttribute("aria-live", "polite");
  var articleCard = el("article", "hd-article");
  articleCard.hidden = true;
  panel.appendChild(suggestBox);
  panel.appendChild(articleCard);
  panel.appendChild(form);
  wrap.appendChild(panel);
  wrap.appendChild(launcher);
  root.appendChild(wrap);
  (document.body || document.documentElement).appendChild(host);

  launcher.addEventListener("click", function () { toggle(panel.hidden); });
  closeBtn.addEventListener("click", function () { toggle(false); });
  function toggle(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) {
      connect();
      input.focus();
      markRead();
    }
  }

  // ---- the conversation --------------------------------------------------------------------------
  function connect() {
    if (ws && (ws.readyState === 0 || ws.readyState === 1)) return;
    ws = new WebSocket(WS);
    ws.onopen = function () {
      backoff = 500;
      var hello = {type: "hello", lastSeq: lastSeq, lang: AR ? "ar" : "en",
        context: Object.assign({pageUrl: location.href}, settings.context || {})};
      if (state.token) hello.token = state.token;
      if (settings.identity) hello.identity = settings.identity;
      ws.send(JSON.stringify(hello));
      clearInterval(pingTimer);
      pingTimer = setInterval(function () { sendFrame({type: "ping"}); }, 25000);
    };
    ws.onmessage = function (e) { receive(JSON.parse(e.data)); };
    ws.onclose = function () {
      clearInterval(pingTimer);
      if (panel.hidden && !state.conversation) return;
      status.textContent = T.reconnecting;
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000) * (0.8 + Math.random() * 0.4);
    };
  }

  function sendFrame(f) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(f)); return true; }
    return false;
  }

  function receive(f) {
    switch (f.type) {
      case "welcome":
        state.token = f.token;
        if (f.conversation) state.conversation = f.conversation;
        save();
        widgetConfig = f.widget;
        agentsOnline = f.agentsOnline;
        title.textContent = f.widget.name;
        wrap.style.setProperty("--hd-color", f.widget.color);
        showStatus();
        if (!state.conversation && lastSeq === 0 && !log.childElementCount) greet();
        // messages the widget sent while the socket was down
        Object.keys(pending).forEach(function (k) { if (!pending[k].acked) sendFrame(pending[k].frame); });
        break;
      case "message":
        if (f.conversation && f.conversation !== state.conversation) {
          // a new conversation (the last one's ticket was closed) numbers from 1 again
          state.conversation = f.conversation;
          save();
          lastSeq = 0;
        }
        if (f.seq > lastSeq) lastSeq = f.seq;
        render(f);
        if (!panel.hidden) markRead();
        break;
      case "ack":
        state.conversation = f.conversation;
        save();
        if (pending[f.key]) {
          pending[f.key].acked = true;
          var li = pending[f.key].li;
          li.dataset.seq = f.seq;
          setStatus(li, T.delivered);
        }
        break;
      case "read":
        log.querySelectorAll("li.hd-mine").forEach(function (li) {
          if (+li.dataset.seq && +li.dataset.seq <= f.seq) setStatus(li, T.read);
        });
        break;
      case "typing":
        typingLine.textContent = (f.author || "") + T.typing;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingLine.textContent = ""; }, 4000);
        break;
      case "presence":
        agentsOnline = f.agentsOnline;
        showStatus();
        break;
      case "suggestions":
        if (f.id === suggestId) showSuggestions(f.articles);
        break;
      case "article":
        showArticle(f.article);
        break;
      case "resolved":
        articleCard.hidden = true;
        suggestBox.hidden = true;
        log.appendChild(bubble("hd-bot", null, T.thanks));
        log.scrollTop = log.scrollHeight;
        break;
      case "csat-saved":
        var card = log.querySelector('.hd-csat[data-survey="' + f.survey + '"]');
        if (card) card.replaceChildren(el("p", "hd-csat-done", T.rated + " " + "★★★★★".slice(0, f.score)));
        break;
      case "contact-saved":
        state.emailGiven = true;
        save();
        showStatus();
        break;
      case "error":
        if (f.key && pending[f.key]) {
          setStatus(pending[f.key].li, T.failed + ": " + f.message);
          delete pending[f.key];
        } else {
          status.textContent = f.message;
        }
        break;
    }
  }

  function greet() {
    var g = widgetConfig && widgetConfig.texts[(AR ? "greeting.ar" : "greeting.en")];
    if (g) log.appendChild(bubble("hd-bot", null, g));
    var pre = widgetConfig ? widgetConfig.preChat : [];
    if (pre.length && !state.emailGiven) log.appendChild(contactForm(pre, false));
  }

  function showStatus() {
    status.textContent = "";
    var old = panel.querySelector(".hd-offline");
    if (old) old.remove();
    if (agentsOnline) return;
    var box = el("div", "hd-offline");
    var text = widgetConfig && widgetConfig.texts[AR ? "offline.ar" : "offline.en"];
    box.appendChild(el("p", null, text || T.offline));
    if (!state.emailGiven) box.appendChild(contactForm(["email"], true));
    else box.appendChild(el("p", null, T.saved));
    panel.insertBefore(box, log);
  }

  function contactForm(fields, offline) {
    var f = el("form", "hd-contact");
    if (offline) f.appendChild(el("p", null, T.leaveEmail));
    var inputs = {};
    fields.forEach(function (name) {
      var label = el("label", null, T[name]);
      var i;
      if (name === "topic") {
        i = el("select");
        Object.keys(T.topics).forEach(function (k) {
          var o = el("option", null, T.topics[k]);
          o.value = k;
          i.appendChild(o);
        });
      } else {
        i = el("input");
        i.type = name === "email" ? "email" : "text";
        i.name = name;
        i.required = name === "email" && offline;
        i.dir = "auto";
      }
      label.appendChild(i);
      f.appendChild(label);
      inputs[name] = i;
    });
    var b = el("button", "hd-save", offline ? T.save : T.start);
    b.type = "submit";
    f.appendChild(b);
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var frame = {type: "contact"};
      Object.keys(inputs).forEach(function (k) { if (inputs[k].value) frame[k] = inputs[k].value; });
      sendFrame(frame);
      f.remove();
      input.focus();
    });
    return f;
  }

  function bubble(cls, author, text) {
    var li = el("li", "hd-msg " + cls);
    if (author) li.appendChild(el("span", "hd-author", author));
    var p = el("p", "hd-text", text);
    p.dir = "auto";
    li.appendChild(p);
    return li;
  }

  function render(m) {
    var id = (m.conversation || "") + ":" + m.seq;
    if (rendered[id]) return;
    rendered[id] = true;
    var mine = m.from === "shopper";
    var li = mine && m.key && pending[m.key] ? pending[m.key].li : null;
    if (!li) {
      li = bubble(mine ? "hd-mine" : m.from === "bot" ? "hd-bot" : "hd-agent", mine ? null : m.author, m.text);
      log.appendChild(li);
    }
    if (mine && m.key) delete pending[m.key];
    li.dataset.seq = m.seq;
    (m.files || []).forEach(function (f) {
      var a = el("a", "hd-file");
      a.href = BASE + f.url;
      a.target = "_blank";
      a.rel = "noopener";
      if (f.type.indexOf("image/") === 0) {
        var img = el("img");
        img.src = BASE + f.url;
        img.alt = f.name;
        a.appendChild(img);
      } else {
        a.textContent = f.name + " (PDF)";
      }
      li.appendChild(a);
    });
    if (mine) setStatus(li, m.status === "read" ? T.read : T.delivered);
    if (!mine) typingLine.textContent = "";
    if (m.from === "bot" && m.article) li.appendChild(answerButtons(m.article));
    if (m.from === "bot" && m.survey) li.appendChild(surveyCard(m.survey));
    log.scrollTop = log.scrollHeight;
  }

  function setStatus(li, text) {
    var s = li.querySelector(".hd-receipt") || li.appendChild(el("span", "hd-receipt"));
    s.textContent = text;
  }

  function markRead() {
    if (lastSeq && state.conversation) sendFrame({type: "read", seq: lastSeq});
  }

  function key() {
    return "w" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  function queue(frame, li) {
    pending[frame.key] = {frame: frame, li: li, acked: false};
    setStatus(li, T.sending);
    if (!sendFrame(frame)) connect();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    suggestBox.hidden = true;
    articleCard.hidden = true;
    lastAsked = "";
    // a pre-chat form left empty is skipped once the shopper writes
    var pre = log.querySelector(".hd-contact");
    if (pre) pre.remove();
    var frame = {type: "send", key: key(), text: text};
    var li = bubble("hd-mine", null, text);
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
    queue(frame, li);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit ? form.requestSubmit() : sendBtn.click();
    }
  });
  input.addEventListener("input", function () {
    if (Date.now() - sentTyping > 2000 && state.conversation) {
      sentTyping = Date.now();
      sendFrame({type: "typing"});
    }
  });
  attachBtn.addEventListener("click", function () { file.click(); });
  file.addEventListener("change", function () {
    var f = file.files[0];
    file.value = "";
    if (!f) return;
    var max = widgetConfig ? widgetConfig.maxFileBytes : 5242880;
    if (f.size > max) {
      status.textContent = f.name + ": " + Math.round(max / 1024) + " KiB max";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var data = String(reader.result).replace(/^data:[^,]*,/, "");
      var frame = {type: "send", key: key(), text: "", attachments: [{name: f.name, type: f.type, data: data}]};
      var li = bubble("hd-mine", null, f.name);
      log.appendChild(li);
      queue(frame, li);
    };
    reader.readAsDataURL(f);
  });

  // ---- FAQ suggestions while the shopper types ------------------------------------------------
  var suggestTimer = null, suggestId = 0, lastAsked = "";
  input.addEventListener("input", function () {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(function () {
      var text = input.value.trim();
      if (text.length < 3) { suggestBox.hidden = true; lastAsked = ""; return; }
      if (text === lastAsked) return;
      lastAsked = text;
      suggestId++;
      sendFrame({type: "suggest", id: suggestId, text: text});
    }, 300);
  });

  function showSuggestions(articles) {
    suggestBox.textContent = "";
    if (!articles.length || !input.value.trim()) { suggestBox.hidden = true; return; }
    suggestBox.appendChild(el("p", "hd-suggest-title", T.suggested));
    var ul = el("ul");
    articles.forEach(function (a) {
      var b = el("button", "hd-suggestion", a.title);
      b.type = "button";
      b.dir = "auto";
      b.addEventListener("click", function () { sendFrame({type: "article", article: a.id}); });
      var li = el("li");
      li.appendChild(b);
      ul.appendChild(li);
    });
    suggestBox.appendChild(ul);
    suggestBox.hidden = false;
  }

  /** An article's HTML (sanitised on the server) rebuilt from allowed elements only, as text. */
  var ALLOWED = {P: 1, UL: 1, OL: 1, LI: 1, STRONG: 1, EM: 1, B: 1, I: 1, BR: 1};
  function safeCopy(from, to) {
    from.childNodes.forEach(function (n) {
      if (n.nodeType === 3) to.appendChild(document.createTextNode(n.textContent));
      else if (n.nodeType === 1) {
        var c = ALLOWED[n.tagName] ? document.createElement(n.tagName.toLowerCase()) : to;
        if (c !== to) to.appendChild(c);
        safeCopy(n, c);
      }
    });
  }

  function showArticle(a) {
    articleCard.textContent = "";
    articleCard.lang = a.language;
    articleCard.dir = a.language === "ar" ? "rtl" : "ltr";
    articleCard.appendChild(el("h3", "hd-article-title", a.title));
    var body = el("div", "hd-article-body");
    safeCopy(new DOMParser().parseFromString(a.html, "text/html").body, body);
    articleCard.appendChild(body);
    articleCard.appendChild(answerButtons(a.id));
    suggestBox.hidden = true;
    articleCard.hidden = false;
  }

  function answerButtons(articleId) {
    var row = el("div", "hd-answer");
    var yes = el("button", "hd-answered", T.answered);
    yes.type = "button";
    yes.addEventListener("click", function () {
      sendFrame({type: "feedback", article: articleId, helpful: true});
      sendFrame({type: "resolved", article: articleId});
      input.value = "";
      row.remove();
    });
    var no = el("button", "hd-person", T.person);
    no.type = "button";
    no.addEventListener("click", function () {
      sendFrame({type: "feedback", article: articleId, helpful: false});
      articleCard.hidden = true;
      row.remove();
      input.focus();
    });
    row.appendChild(yes);
    row.appendChild(no);
    return row;
  }

  /** The satisfaction card of a survey message: scores 1-5, an optional comment. */
  function surveyCard(survey) {
    var form = el("form", "hd-csat");
    form.setAttribute("data-survey", survey);
    var chosen = 0;
    var row = el("div", "hd-csat-scores");
    row.setAttribute("role", "radiogroup");
    for (var i = 1; i <= 5; i++) {
      (function (score) {
        var b = el("button", "hd-csat-score", String(score));
        b.type = "button";
        b.title = T.scores[score - 1];
        b.setAttribute("aria-label", score + " – " + T.scores[score - 1]);
        b.setAttribute("data-score", String(score));
        b.addEventListener("click", function () {
          chosen = score;
          row.querySelectorAll("button").forEach(function (x) {
            x.setAttribute("aria-pressed", String(Number(x.getAttribute("data-score")) === score));
          });
          send.disabled = false;
        });
        row.appendChild(b);
      })(i);
    }
    var comment = el("textarea", "hd-csat-comment");
    comment.rows = 2;
    comment.maxLength = 2000;
    comment.placeholder = T.comment;
    var send = el("button", "hd-csat-send", T.rate);
    send.type = "submit";
    send.disabled = true;
    form.appendChild(row);
    form.appendChild(comment);
    form.appendChild(send);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!chosen) return;
      sendFrame({type: "csat", survey: survey, score: chosen, comment: comment.value.trim() || null});
    });
    return form;
  }

  /** For single-page checkouts: tell the helpdesk the shopper moved on. */
  window.HelpdeskChat = {
    setContext: function (context) {
      settings.context = Object.assign({}, settings.context || {}, context);
      sendFrame({type: "context", context: Object.assign({pageUrl: location.href}, settings.context)});
    },
    open: function () { toggle(true); }
  };

  if (state.open || state.conversation) connect();
  if (state.open) toggle(true);
})();
