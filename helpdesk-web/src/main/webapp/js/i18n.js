// The workspace's words in English and Arabic. The agent's language (saved on their account)
// sets <html lang dir>; the layout uses logical CSS properties, so RTL needs no other change.
const STRINGS = {
  en: {
    signIn: 'Sign in', login: 'Login', password: 'Password', signOut: 'Sign out',
    demoCheckout: 'Demo checkout', search: 'Search', searchPlaceholder: 'Search tickets (/)',
    availability: 'Availability', ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline',
    language: 'Language', sort: 'Sort', sortRecent: 'Latest activity', sortWaiting: 'Waiting longest',
    loadMore: 'Load more', empty: 'Nothing here.', pickTicket: 'Pick a ticket (j / k to move).',
    shortcuts: 'Keyboard shortcuts', keyMove: 'next / previous ticket', keyReply: 'reply',
    keyNote: 'internal note', keyAssign: 'assign to me', keySolve: 'solve', keySearch: 'search',
    keySend: 'send', keyEscape: 'leave the composer', close: 'Close',
    views: 'Views', mine: 'Mine', unassigned: 'Unassigned', myTeams: 'My teams', all: 'All open',
    byChannel: 'Channels', byStatus: 'Status', byTopic: 'Topics', searchResults: 'Search: {q}',
    'topic.checkout': 'Checkout', 'topic.payment': 'Payment', 'topic.shipping': 'Shipping',
    'topic.order-status': 'Order status', 'topic.returns': 'Returns & refunds',
    'topic.coupons': 'Coupons & pricing', 'topic.account': 'Account', 'topic.other': 'Other',
    EMAIL: 'E-mail', CHAT: 'Chat', API: 'API', WHATSAPP: 'WhatsApp', MESSENGER: 'Messenger',
    INSTAGRAM: 'Instagram', TELEGRAM: 'Telegram', X: 'X',
    NEW: 'New', OPEN: 'Open', PENDING: 'Pending', SOLVED: 'Solved', CLOSED: 'Closed',
    LOW: 'Low', NORMAL: 'Normal', HIGH: 'High', URGENT: 'Urgent',
    slaLeft: 'SLA {t}', slaOverdue: 'SLA overdue {t}', slaDue: '{kind} due {t}',
    waiting: 'waiting {t}', unassignedShort: 'unassigned', newMarker: 'new',
    reply: 'Reply', note: 'Internal note', send: 'Send', addNote: 'Add note', sendAndSolve: 'Send and solve',
    replyOn: 'Reply on', replyPlaceholder: 'Write a reply… (Ctrl+Enter sends)',
    notePlaceholder: 'Only colleagues see notes… (Ctrl+Enter adds)',
    canned: 'Canned response', insert: 'Insert…', attach: 'Attach files',
    suggestedArticles: 'Suggested articles', insertArticle: 'Insert', articleMissing: 'Article missing', articleMissingSaved: 'Flagged: the knowledge-base editors will see it', noArticles: 'No article matches this conversation yet.',
    assignee: 'Assignee', assignMe: 'Assign to me', team: 'Team', status: 'Status',
    priority: 'Priority', tags: 'Tags', addTag: 'Add tag', merge: 'Merge into #', mergeGo: 'Merge',
    solve: 'Solve', noTeam: 'Shared queue', nobody: 'Nobody',
    internal: 'Internal note', automatic: 'automatic', via: 'via {c}',
    QUEUED: 'queued', SENT: 'sent', DELIVERED: 'delivered', READ: 'read', FAILED: 'failed',
    BOUNCED: 'bounced', RECEIVED: 'received',
    quoted: 'Show quoted text', hideQuoted: 'Hide quoted text', showHtml: 'Show original formatting',
    viewing: '{n} is viewing', typing: '{n} is typing…', shopperTyping: 'The shopper is typing…',
    contact: 'Contact', previous: 'Previous tickets', order: 'Order and cart',
    orderNumber: 'Order', cart: 'Cart', total: 'Total', step: 'Checkout step', page: 'Page',
    identityVerified: 'verified', identityUnverified: 'unverified',
    connected: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline',
    saved: 'Saved', failed: 'Failed: {m}', newTicket: 'New ticket {r}: {s}', ruleNotice: 'Routing rule: {s}', knowledgeBase: 'Knowledge base', routing: 'Routing', sla: 'SLAs', dashboard: 'Dashboard', slaWarning: 'SLA: {k} for {r} is due soon', slaBreached: 'SLA breached: {k} for {r}', FIRST_RESPONSE: 'first response', NEXT_RESPONSE: 'next response', RESOLUTION: 'resolution',
    ASSIGNED: 'assigned to {d}', UNASSIGNED: 'unassigned ({d})', STATUS_CHANGED: 'status {d}',
    PRIORITY_CHANGED: 'priority {d}', TEAM_CHANGED: 'team: {d}', TAGS_CHANGED: 'tags: {d}',
    MERGED: 'merged into {d}', MERGED_FROM: 'merged from {d}', DELIVERY_FAILED: 'delivery failed: {d}',
    AUTO_REPLY: 'auto-reply sent ({d})', CREATED: 'created', REOPENED: 'reopened {d}',
    ROUTED: 'routed: {d}', TOPIC_SET: 'topic {d}', RULE_APPLIED: '{d}',
    FOLLOW_UP_OPENED: 'follow-up opened: {d}', SELF_SERVED: '{d}', CSAT_SENT: '{d}', CSAT_ANSWERED: 'rated {d}',
    SLA_WARNING: 'SLA warning: {d}', SLA_BREACHED: 'SLA breached: {d}',
    by: '{a}', system: 'system', attachments: 'Attachments', agents: 'Agents',
    collisionWarn: '{n} is replying to this ticket too', shopper: 'Shopper',
  },
  ar: {
    signIn: 'تسجيل الدخول', login: 'اسم المستخدم', password: 'كلمة المرور', signOut: 'تسجيل الخروج',
    demoCheckout: 'صفحة الدفع التجريبية', search: 'بحث', searchPlaceholder: 'ابحث في التذاكر (/)',
    availability: 'الحالة', ONLINE: 'متصل', AWAY: 'بعيد', OFFLINE: 'غير متصل',
    language: 'اللغة', sort: 'الترتيب', sortRecent: 'آخر نشاط', sortWaiting: 'الأطول انتظارًا',
    loadMore: 'المزيد', empty: 'لا شيء هنا.', pickTicket: 'اختر تذكرة (j / k للتنقل).',
    shortcuts: 'اختصارات لوحة المفاتيح', keyMove: 'التذكرة التالية / السابقة', keyReply: 'رد',
    keyNote: 'ملاحظة داخلية', keyAssign: 'إسناد إليّ', keySolve: 'حل', keySearch: 'بحث',
    keySend: 'إرسال', keyEscape: 'الخروج من المحرر', close: 'إغلاق',
    views: 'العروض', mine: 'تذاكري', unassigned: 'غير مسندة', myTeams: 'فرقي', all: 'كل المفتوحة',
    byChannel: 'القنوات', byStatus: 'الحالة', byTopic: 'المواضيع', searchResults: 'بحث: {q}',
    'topic.checkout': 'إتمام الشراء', 'topic.payment': 'الدفع', 'topic.shipping': 'الشحن',
    'topic.order-status': 'حالة الطلب', 'topic.returns': 'الإرجاع والاسترداد',
    'topic.coupons': 'الكوبونات والأسعار', 'topic.account': 'الحساب', 'topic.other': 'أخرى',
    EMAIL: 'البريد', CHAT: 'الدردشة', API: 'واجهة API', WHATSAPP: 'واتساب', MESSENGER: 'ماسنجر',
    INSTAGRAM: 'إنستغرام', TELEGRAM: 'تيليجرام', X: 'إكس',
    NEW: 'جديدة', OPEN: 'مفتوحة', PENDING: 'معلقة', SOLVED: 'محلولة', CLOSED: 'مغلقة',
    LOW: 'منخفضة', NORMAL: 'عادية', HIGH: 'عالية', URGENT: 'عاجلة',
    slaLeft: 'SLA {t}', slaOverdue: 'تجاوز SLA {t}', slaDue: '{kind} مستحق {t}',
    waiting: 'ينتظر {t}', unassignedShort: 'غير مسندة', newMarker: 'جديد',
    reply: 'رد', note: 'ملاحظة داخلية', send: 'إرسال', addNote: 'إضافة ملاحظة', sendAndSolve: 'إرسال وحل',
    replyOn: 'الرد عبر', replyPlaceholder: 'اكتب ردًا… (Ctrl+Enter للإرسال)',
    notePlaceholder: 'الملاحظات يراها الزملاء فقط… (Ctrl+Enter للإضافة)',
    canned: 'رد جاهز', insert: 'إدراج…', attach: 'إرفاق ملفات',
    suggestedArticles: 'مقالات مقترحة', insertArticle: 'إدراج', articleMissing: 'لا يوجد مقال مناسب', articleMissingSaved: 'تم الإبلاغ: سيراه محررو قاعدة المعرفة', noArticles: 'لا يوجد مقال يطابق هذه المحادثة بعد.',
    assignee: 'المسؤول', assignMe: 'إسناد إليّ', team: 'الفريق', status: 'الحالة',
    priority: 'الأولوية', tags: 'الوسوم', addTag: 'إضافة وسم', merge: 'دمج في #', mergeGo: 'دمج',
    solve: 'حل', noTeam: 'الطابور المشترك', nobody: 'لا أحد',
    internal: 'ملاحظة داخلية', automatic: 'تلقائي', via: 'عبر {c}',
    QUEUED: 'في الطابور', SENT: 'أُرسلت', DELIVERED: 'وصلت', READ: 'قُرئت', FAILED: 'فشلت',
    BOUNCED: 'ارتدت', RECEIVED: 'مستلمة',
    quoted: 'إظهار النص المقتبس', hideQuoted: 'إخفاء النص المقتبس', showHtml: 'إظهار التنسيق الأصلي',
    viewing: '{n} يطالع التذكرة', typing: '{n} يكتب…', shopperTyping: 'العميل يكتب…',
    contact: 'العميل', previous: 'تذاكر سابقة', order: 'الطلب والسلة',
    orderNumber: 'الطلب', cart: 'السلة', total: 'الإجمالي', step: 'مرحلة الدفع', page: 'الصفحة',
    identityVerified: 'موثّق', identityUnverified: 'غير موثّق',
    connected: 'مباشر', reconnecting: 'جارٍ إعادة الاتصال…', offline: 'غير متصل',
    saved: 'تم الحفظ', failed: 'فشل: {m}', newTicket: 'تذكرة جديدة {r}: {s}', ruleNotice: 'قاعدة توجيه: {s}', knowledgeBase: 'قاعدة المعرفة', routing: 'التوجيه', sla: 'اتفاقيات الخدمة', dashboard: 'لوحة المتابعة', slaWarning: 'اتفاقية الخدمة: {k} للتذكرة {r} يحين قريباً', slaBreached: 'تجاوز اتفاقية الخدمة: {k} للتذكرة {r}', FIRST_RESPONSE: 'أول رد', NEXT_RESPONSE: 'الرد التالي', RESOLUTION: 'الحل',
    ASSIGNED: 'أُسندت إلى {d}', UNASSIGNED: 'أُلغي الإسناد ({d})', STATUS_CHANGED: 'الحالة {d}',
    PRIORITY_CHANGED: 'الأولوية {d}', TEAM_CHANGED: 'الفريق: {d}', TAGS_CHANGED: 'الوسوم: {d}',
    MERGED: 'دُمجت في {d}', MERGED_FROM: 'دُمج فيها {d}', DELIVERY_FAILED: 'فشل التسليم: {d}',
    AUTO_REPLY: 'أُرسل رد تلقائي ({d})', CREATED: 'أُنشئت', REOPENED: 'أُعيد فتحها {d}',
    ROUTED: 'وُجّهت: {d}', TOPIC_SET: 'الموضوع {d}', RULE_APPLIED: '{d}',
    FOLLOW_UP_OPENED: 'فُتحت متابعة: {d}', SELF_SERVED: '{d}', CSAT_SENT: '{d}', CSAT_ANSWERED: 'التقييم {d}',
    SLA_WARNING: 'تنبيه اتفاقية الخدمة: {d}', SLA_BREACHED: 'تجاوز اتفاقية الخدمة: {d}',
    by: '{a}', system: 'النظام', attachments: 'المرفقات', agents: 'الموظفون',
    collisionWarn: '{n} يرد على هذه التذكرة أيضًا', shopper: 'العميل',
  },
};

let lang = 'en';

export function setLanguage(l) {
  lang = STRINGS[l] ? l : 'en';
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

export function language() { return lang; }

/** The word for key, with {name} placeholders filled from vars. Unknown keys show as themselves. */
export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

/** "3 min", "2 h", "4 d" — short durations for waiting times, in the agent's language. */
export function duration(ms) {
  const m = Math.max(0, Math.round(ms / 60000));
  const fmt = new Intl.NumberFormat(lang === 'ar' ? 'ar' : 'en');
  if (m < 60) return `${fmt.format(m)} ${lang === 'ar' ? 'د' : 'min'}`;
  const h = Math.round(m / 60);
  if (h < 48) return `${fmt.format(h)} ${lang === 'ar' ? 'س' : 'h'}`;
  return `${fmt.format(Math.round(h / 24))} ${lang === 'ar' ? 'ي' : 'd'}`;
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en', { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(iso));
}
