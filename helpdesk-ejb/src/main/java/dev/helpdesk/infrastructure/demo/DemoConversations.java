package dev.helpdesk.infrastructure.demo;

import dev.helpdesk.connectors.spi.Channel;
import java.util.ArrayList;
import java.util.List;

/** The demo's shoppers and what they asked, in English and Arabic. */
final class DemoConversations {
  record Conversation(
      Channel channel,
      String contactKey,
      String name,
      String language,
      String team,
      String topic,
      String orderRef,
      String subject,
      String text,
      String reply) {}

  static final String CHECKOUT = "Checkout & Payments";
  static final String ORDERS = "Orders & Shipping";
  static final String RETURNS = "Returns & Refunds";

  static final List<Conversation> ALL = new ArrayList<>();

  private static void add(
      String language,
      Channel ch,
      String key,
      String name,
      String team,
      String topic,
      String order,
      String subject,
      String text,
      String reply) {
    ALL.add(new Conversation(ch, key, name, language, team, topic, order, subject, text, reply));
  }

  static {
    add(
        "en",
        Channel.CHAT,
        "v-1001",
        "Olivia Brown",
        CHECKOUT,
        "payment",
        null,
        null,
        "My card keeps getting declined at the payment step, but my bank says everything is fine.",
        "Sorry about that! Could you try again with 3-D Secure enabled? Some banks block the first online payment.");
    add(
        "ar",
        Channel.WHATSAPP,
        "+971501110001",
        "أحمد المنصوري",
        ORDERS,
        "order-status",
        "1001",
        null,
        "مرحبا، أين طلبي رقم 1001؟ مضى أسبوع ولم يصل.",
        "أهلاً أحمد، طلبك في الطريق وسيصل خلال يومين. رقم التتبع أرسلناه إلى بريدك.");
    add(
        "en",
        Channel.EMAIL,
        "james.wilson@example.com",
        "James Wilson",
        RETURNS,
        "returns",
        "1002",
        "Return a jacket that doesn't fit",
        "Hi, the jacket I ordered is too small. How do I return it and get a bigger size?",
        "Hi James, you can exchange it for free within 30 days. I've emailed you a prepaid return label.");
    add(
        "ar",
        Channel.CHAT,
        "v-2001",
        "فاطمة الزهراء",
        CHECKOUT,
        "coupons",
        null,
        null,
        "كود الخصم WELCOME10 لا يعمل عند الدفع، ما المشكلة؟",
        "كود WELCOME10 صالح للطلب الأول فقط وبحد أدنى ١٠٠ درهم. جربي مرة أخرى بعد إضافة منتج.");
    add(
        "en",
        Channel.MESSENGER,
        "4410021",
        "Sophia Martinez",
        ORDERS,
        "shipping",
        null,
        null,
        "Do you ship to Canada and how long does it take?",
        "We do! Standard shipping to Canada takes 5-8 business days, express 2-3.");
    add(
        "ar",
        Channel.EMAIL,
        "khalid.alharbi@example.com",
        "خالد الحربي",
        RETURNS,
        "refunds",
        "1003",
        "استرجاع المبلغ",
        "أرجعت الحذاء قبل عشرة أيام ولم يصلني المبلغ حتى الآن.",
        "استلمنا المرتجع، وتمت إعادة المبلغ إلى بطاقتك اليوم. قد يستغرق ظهوره ٣-٥ أيام عمل.");
    add(
        "en",
        Channel.CHAT,
        "v-1002",
        "Liam Johnson",
        CHECKOUT,
        "checkout",
        null,
        null,
        "The checkout page freezes when I click Place order. I'm on Safari on my iPhone.",
        "Thanks for telling us. Please try once more; we fixed an issue with Safari a minute ago.");
    add(
        "ar",
        Channel.INSTAGRAM,
        "nour.designs",
        "نور",
        ORDERS,
        "order-status",
        "1004",
        null,
        "هل يمكن تغيير عنوان التوصيل لطلبي؟",
        "نعم، غيّرنا العنوان قبل الشحن. ستصلك رسالة تأكيد.");
    add(
        "en",
        Channel.EMAIL,
        "emily.davis@example.com",
        "Emily Davis",
        CHECKOUT,
        "payment",
        "1005",
        "Charged twice for one order",
        "I was charged twice for order 1005! Please refund the duplicate charge.",
        "Hi Emily, the second charge was a pending authorisation and has been released. It disappears within 3 days.");
    add(
        "ar",
        Channel.TELEGRAM,
        "5521337",
        "يوسف",
        CHECKOUT,
        "payment",
        null,
        null,
        "هل تقبلون الدفع عند الاستلام؟",
        "نعم، الدفع عند الاستلام متاح داخل الإمارات والسعودية بإضافة رسوم ١٠ دراهم.");
    add(
        "en",
        Channel.API,
        "noah.miller@example.com",
        "Noah Miller",
        ORDERS,
        "shipping",
        "1006",
        "Tracking shows no movement",
        "Tracking for my order hasn't updated in four days. Is it lost?",
        "The carrier had a scanning delay; your parcel is at the local depot and out for delivery tomorrow.");
    add(
        "ar",
        Channel.CHAT,
        "v-2002",
        "مريم",
        RETURNS,
        "returns",
        "1007",
        null,
        "أريد إرجاع فستان، هل الإرجاع مجاني؟",
        "الإرجاع مجاني خلال ٣٠ يوماً. أرسلنا لكِ ملصق الشحن.");
    add(
        "en",
        Channel.WHATSAPP,
        "+14155550123",
        "Ava Taylor",
        CHECKOUT,
        "coupons",
        null,
        null,
        "Can I use two discount codes on the same order?",
        "Only one code per order, but the Black Friday discount applies on top of it automatically.");
    add(
        "ar",
        Channel.EMAIL,
        "sara.alqahtani@example.com",
        "سارة القحطاني",
        ORDERS,
        "order-status",
        "1008",
        "الطلب ناقص",
        "وصلني الطلب لكن ينقصه منتج واحد من أصل ثلاثة.",
        "نعتذر يا سارة، شحنا المنتج الناقص اليوم وسيصل غداً.");
    add(
        "en",
        Channel.CHAT,
        "v-1003",
        "Mason Anderson",
        CHECKOUT,
        "checkout",
        null,
        null,
        "Why do I have to create an account to check out?",
        "You don't! Choose 'Continue as guest' under the login box.");
    add(
        "ar",
        Channel.MESSENGER,
        "7781200",
        "عمر",
        CHECKOUT,
        "payment",
        null,
        null,
        "تم رفض بطاقتي مدى عند الدفع",
        "بطاقات مدى مدعومة؛ تأكد من تفعيل الشراء عبر الإنترنت من تطبيق البنك ثم أعد المحاولة.");
    add(
        "en",
        Channel.EMAIL,
        "isabella.thomas@example.com",
        "Isabella Thomas",
        RETURNS,
        "refunds",
        "1009",
        "Refund to a different card?",
        "My old card expired. Where will my refund go?",
        "Refunds go to the original card; your bank forwards it to the new one automatically.");
    add(
        "ar",
        Channel.WHATSAPP,
        "+966551230001",
        "عبدالله",
        ORDERS,
        "shipping",
        null,
        null,
        "كم تستغرق مدة التوصيل إلى الرياض؟",
        "التوصيل إلى الرياض من يومين إلى ثلاثة أيام عمل.");
    add(
        "en",
        Channel.INSTAGRAM,
        "lucas.shop",
        "Lucas White",
        ORDERS,
        "order-status",
        "1010",
        null,
        "Has my order 1010 shipped yet?",
        "Yes, it shipped this morning; the tracking link is in your inbox.");
    add(
        "ar",
        Channel.CHAT,
        "v-2003",
        "هدى",
        CHECKOUT,
        "checkout",
        null,
        null,
        "صفحة الدفع لا تقبل رقم هاتفي السعودي",
        "أصلحنا المشكلة، أدخلي الرقم بصيغة ‎+966‎ وسيعمل.");
    add(
        "en",
        Channel.TELEGRAM,
        "9912001",
        "Mia Harris",
        RETURNS,
        "returns",
        null,
        null,
        "Can I return a sale item?",
        "Sale items can be returned within 14 days, unworn and with tags.");
    add(
        "ar",
        Channel.EMAIL,
        "layla.hassan@example.com",
        "ليلى حسن",
        RETURNS,
        "refunds",
        "1011",
        "لم أستلم المبلغ المسترد",
        "طلبت استرداد المبلغ قبل أسبوعين ولم يصلني شيء.",
        "تم إصدار الاسترداد بتاريخ ١٥ الشهر؛ أرفقنا إيصال العملية.");
    add(
        "en",
        Channel.CHAT,
        "v-1004",
        "Ethan Clark",
        CHECKOUT,
        "payment",
        null,
        null,
        "Is Apple Pay supported?",
        "Yes, Apple Pay shows on the payment step in Safari and on iPhone.");
    add(
        "ar",
        Channel.API,
        "hassan.ali@example.com",
        "حسن علي",
        ORDERS,
        "order-status",
        "1012",
        "إلغاء الطلب",
        "أريد إلغاء طلبي رقم 1012 قبل الشحن",
        "ألغينا الطلب وسيُعاد المبلغ خلال ٥ أيام عمل.");
    add(
        "en",
        Channel.EMAIL,
        "charlotte.lewis@example.com",
        "Charlotte Lewis",
        ORDERS,
        "shipping",
        "1013",
        "Express shipping didn't arrive on time",
        "I paid for express shipping but it took five days. Can I get the shipping fee back?",
        "You're right, express should be 2 days. We've refunded the shipping fee.");
    add(
        "ar",
        Channel.CHAT,
        "v-2004",
        "رنا",
        CHECKOUT,
        "coupons",
        null,
        null,
        "هل يوجد كوبون خصم للطلب الأول؟",
        "نعم، استخدمي WELCOME10 للحصول على خصم ١٠٪ على طلبك الأول.");
    add(
        "en",
        Channel.WHATSAPP,
        "+447700900123",
        "Amelia Walker",
        RETURNS,
        "returns",
        "1014",
        null,
        "The mug arrived broken. What now?",
        "So sorry! No need to send it back; a replacement ships today.");
    add(
        "ar",
        Channel.INSTAGRAM,
        "dalia.style",
        "داليا",
        ORDERS,
        "shipping",
        null,
        null,
        "هل تشحنون إلى الكويت؟",
        "نعم، الشحن إلى الكويت خلال ٣-٥ أيام عمل.");
    add(
        "en",
        Channel.CHAT,
        "v-1005",
        "Benjamin Hall",
        CHECKOUT,
        "checkout",
        null,
        null,
        "My cart emptied itself when I logged in.",
        "Your items were saved to your account cart; refresh the page and they'll appear.");
    add(
        "ar",
        Channel.EMAIL,
        "mohammed.saleh@example.com",
        "محمد صالح",
        CHECKOUT,
        "payment",
        "1015",
        "خصم المبلغ مرتين",
        "تم خصم المبلغ مرتين من بطاقتي للطلب نفسه.",
        "الخصم الثاني تفويض مؤقت وسيُلغى تلقائياً خلال ثلاثة أيام.");
    add(
        "en",
        Channel.MESSENGER,
        "3310099",
        "Harper Young",
        ORDERS,
        "order-status",
        "1016",
        null,
        "Can I add an item to an order I placed an hour ago?",
        "Your order hasn't been packed yet, so we've added it. The difference is charged separately.");
    add(
        "ar",
        Channel.WHATSAPP,
        "+971502220002",
        "جميلة",
        RETURNS,
        "returns",
        "1017",
        null,
        "المقاس غير مناسب، هل يمكن الاستبدال؟",
        "بالتأكيد، الاستبدال مجاني. سيأتي المندوب لاستلام القطعة غداً.");
    add(
        "en",
        Channel.EMAIL,
        "henry.king@example.com",
        "Henry King",
        CHECKOUT,
        "payment",
        null,
        "Invoice with VAT number",
        "I need an invoice with my company's VAT number for my last purchase.",
        "Done, the VAT invoice is attached to your order page.");
    add(
        "ar",
        Channel.CHAT,
        "v-2005",
        "سلمى",
        ORDERS,
        "order-status",
        "1018",
        null,
        "حالة الطلب تقول تم التوصيل لكنني لم أستلمه",
        "تواصلنا مع شركة الشحن لفتح تحقيق، وسنرد عليك خلال ٢٤ ساعة.");
    add(
        "en",
        Channel.API,
        "evelyn.scott@example.com",
        "Evelyn Scott",
        RETURNS,
        "refunds",
        "1019",
        "Partial refund",
        "I returned one of two items. Will I get a partial refund?",
        "Yes, the refund for the returned item was issued today.");
    add(
        "ar",
        Channel.TELEGRAM,
        "6620011",
        "طارق",
        CHECKOUT,
        "checkout",
        null,
        null,
        "لا أستطيع إتمام الطلب، يظهر خطأ في العنوان",
        "يرجى اختيار المدينة من القائمة بدلاً من كتابتها يدوياً.");
    add(
        "en",
        Channel.CHAT,
        "v-1006",
        "Alexander Green",
        ORDERS,
        "shipping",
        null,
        null,
        "Is there free shipping over a certain amount?",
        "Free standard shipping on orders over $50.");
    add(
        "ar",
        Channel.EMAIL,
        "amal.yousef@example.com",
        "آمال يوسف",
        RETURNS,
        "returns",
        "1020",
        "طلب إرجاع",
        "كيف أطبع ملصق الإرجاع؟",
        "ستجدين الملصق في صفحة الطلب تحت 'إرجاع منتج'.");
    add(
        "en",
        Channel.INSTAGRAM,
        "daniel.fit",
        "Daniel Adams",
        CHECKOUT,
        "coupons",
        null,
        null,
        "My influencer code FIT20 says expired.",
        "FIT20 ended yesterday, but here's a new code for you: FIT20X.");
    add(
        "ar",
        Channel.WHATSAPP,
        "+201001234567",
        "منى",
        ORDERS,
        "order-status",
        "1021",
        null,
        "متى سيتم شحن طلبي؟",
        "سيُشحن طلبك اليوم وستصلك رسالة برقم التتبع.");
    add(
        "en",
        Channel.EMAIL,
        "grace.baker@example.com",
        "Grace Baker",
        ORDERS,
        "shipping",
        "1022",
        "Wrong address on my order",
        "I typed the wrong street number. Can you fix it before it ships?",
        "Fixed, the parcel will go to the corrected address.");
    add(
        "ar",
        Channel.CHAT,
        "v-2006",
        "كريم",
        CHECKOUT,
        "payment",
        null,
        null,
        "هل يمكن الدفع بالتقسيط؟",
        "نعم، عبر تابي أو تمارا بأربع دفعات بدون فوائد.");
    add(
        "en",
        Channel.CHAT,
        "v-1007",
        "Chloe Nelson",
        RETURNS,
        "refunds",
        "1023",
        null,
        "How long do refunds take after you receive the return?",
        "We inspect returns within 2 days; the refund then takes 3-5 business days.");
    add(
        "ar",
        Channel.MESSENGER,
        "8870011",
        "زينب",
        RETURNS,
        "returns",
        null,
        null,
        "هل يمكن إرجاع العطور؟",
        "العطور قابلة للإرجاع فقط إذا كانت مغلقة بغلافها الأصلي.");
    add(
        "en",
        Channel.WHATSAPP,
        "+61400111222",
        "Jack Carter",
        CHECKOUT,
        "checkout",
        null,
        null,
        "Checkout asks for a postcode but Dubai has none.",
        "Enter 00000 as the postcode for the UAE; we've also made the field optional.");
    add(
        "ar",
        Channel.EMAIL,
        "reem.alsayed@example.com",
        "ريم السيد",
        ORDERS,
        "shipping",
        "1024",
        "التوصيل السريع",
        "هل يتوفر التوصيل في نفس اليوم في دبي؟",
        "نعم، للطلبات قبل الساعة ١٢ ظهراً داخل دبي.");
    add(
        "en",
        Channel.TELEGRAM,
        "4400123",
        "Lily Mitchell",
        ORDERS,
        "order-status",
        "1025",
        null,
        "I never got an order confirmation email.",
        "It went to your spam folder; we've re-sent it to you.");
    add(
        "ar",
        Channel.CHAT,
        "v-2007",
        "فيصل",
        CHECKOUT,
        "coupons",
        null,
        null,
        "الخصم لا يظهر في سلة المشتريات",
        "يظهر الخصم في الخطوة الأخيرة قبل الدفع.");
    add(
        "en",
        Channel.EMAIL,
        "ryan.perez@example.com",
        "Ryan Perez",
        RETURNS,
        "returns",
        "1026",
        "Exchange for another colour",
        "Can I exchange the blue sneakers for black ones?",
        "Yes! Send the blue pair back with the label we emailed; black ones ship on receipt.");
  }

  private DemoConversations() {}
}
