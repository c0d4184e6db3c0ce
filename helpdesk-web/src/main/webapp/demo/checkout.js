// The demo store's page: language from ?lang=, and the cart context the chat widget carries.
(function () {
  var ar = new URLSearchParams(location.search).get("lang") === "ar";
  document.documentElement.lang = ar ? "ar" : "en";
  document.documentElement.dir = ar ? "rtl" : "ltr";
  window.helpdeskChat = {
    context: {cartId: "cart-demo-7", orderNumber: "A-1042", cartTotal: "453.00", currency: "SAR",
      checkoutStep: "payment"}
  };
  // the widget, as a store embeds it (?widget= picks another widget than the demo's)
  var widget = new URLSearchParams(location.search).get("widget") || "demo-store";
  document.addEventListener("DOMContentLoaded", function () {
    var s = document.createElement("script");
    s.src = "../widget/helpdesk-chat.js";
    s.setAttribute("data-widget", widget);
    document.body.appendChild(s);
  });
  if (!ar) return;
  var T = {store: "متجر تجريبي", stepCart: "السلة", stepShipping: "الشحن", stepPayment: "الدفع",
    summary: "ملخص الطلب", item1: "قميص كتان، مقاس M", item2: "صندل جلد، 42",
    shippingLine: "شحن سريع", total: "المجموع", order: "الطلب", address: "العنوان",
    method: "التوصيل", express: "سريع، 1–2 يوم", standard: "عادي، 3–5 أيام", card: "رقم البطاقة",
    pay: "ادفع 453.00 ر.س", declined: "تم رفض بطاقتك. جرّب بطاقة أخرى أو اسألنا في المحادثة."};
  document.addEventListener("DOMContentLoaded", function () {
    document.title = "متجر تجريبي — الدفع";
    document.querySelectorAll("[data-t]").forEach(function (e) {
      if (T[e.dataset.t]) e.textContent = T[e.dataset.t];
    });
  });
})();
