# Writes the e-mail fixture corpus in resources/email (CRLF line endings, as on the wire).
# The files are committed; run again only to change them: python3 make-email-corpus.py
# (37-huge-attachment.eml holds random bytes, so re-running changes it.)
import base64, quopri, os, textwrap
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resources', 'email')
def b64(data, width=76):
    s=base64.b64encode(data).decode()
    return "\n".join(s[i:i+width] for i in range(0,len(s),width))
def qp(text, cs='utf-8'):
    return quopri.encodestring(text.encode(cs)).decode('ascii')
def ew(text, cs='utf-8'):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(text.encode(cs)).decode())
def hdr(frm='Layla Hassan <layla@example.com>', to='support@store.test', subject='Where is my order?', mid='<m1@mail.example.com>', date='Sun, 22 Nov 2026 10:15:00 +0300', extra=''):
    h=''
    if frm is not None: h+='From: %s\n' % frm
    h+='To: %s\n' % to
    if subject is not None: h+='Subject: %s\n' % subject
    if date: h+='Date: %s\n' % date
    if mid: h+='Message-ID: %s\n' % mid
    h+='MIME-Version: 1.0\n'
    return h+extra
def write(name, content, binary=None):
    data = content.replace('\r\n','\n').replace('\n','\r\n').encode('utf-8') if binary is None else binary
    open(os.path.join(OUT,name),'wb').write(data)

GMAIL_QUOTE = """On Sun, Nov 22, 2026 at 9:00 AM Store Support <
support@store.test> wrote:

> Hello Layla, your order #5531 left our warehouse yesterday.
> Kind regards, Sam
"""
# 01 Gmail reply, alternative, quoted-printable
text01 = "Thanks, the parcel arrived this morning. Everything is fine!\n\n" + GMAIL_QUOTE
html01 = '<div dir="ltr">Thanks, the parcel arrived this morning. Everything is fine!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Sun, Nov 22, 2026 at 9:00 AM Store Support &lt;<a href="mailto:support@store.test">support@store.test</a>&gt; wrote:<br></div><blockquote class="gmail_quote">Hello Layla, your order #5531 left our warehouse yesterday.</blockquote></div>'
write('01-gmail-reply.eml', hdr(subject='Re: Your order #5531 has shipped [#1042]', mid='<CAF=gmail01@mail.gmail.com>', extra='In-Reply-To: <hd.17.1042@store.test>\nReferences: <first@mail.example.com> <hd.17.1042@store.test>\nContent-Type: multipart/alternative; boundary="000000000000abc01"\n') +
 '\n--000000000000abc01\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n' + qp(text01) +
 '\n--000000000000abc01\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n' + qp(html01) + '\n--000000000000abc01--\n')

# 02 Gmail Arabic reply, base64, encoded-word subject
text02 = "شكراً، وصل الطلب اليوم لكن ينقصه قطعة واحدة.\n\nفي الأحد، 22 نوفمبر 2026 في 9:00 ص تمت كتابة ما يلي بواسطة Store Support <\nsupport@store.test>:\n\n> مرحباً ليلى، تم شحن طلبك.\n"
write('02-gmail-arabic-reply.eml', hdr(frm='%s <layla@example.com>' % ew('ليلى حسن'), subject=ew('رد: تم شحن طلبك'), mid='<CAF=gmail02@mail.gmail.com>', extra='In-Reply-To: <hd.18.1043@store.test>\nContent-Type: multipart/alternative; boundary="b02"\n') +
 '\n--b02\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: base64\n\n' + b64(text02.encode()) +
 '\n--b02\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: base64\n\n' + b64(('<div dir="rtl">شكراً، وصل الطلب اليوم لكن ينقصه قطعة واحدة.</div>').encode()) + '\n--b02--\n')

# 03 Outlook reply with underscore separator, windows-1252 QP
text03 = "Hi, I still have not received a refund for the returned shoes \u2013 it\u2019s been 10 days.\n\nBest,\nMark\n\n________________________________\nFrom: Store Support <support@store.test>\nSent: Friday, November 20, 2026 4:12 PM\nTo: Mark Jones <mark@example.org>\nSubject: RE: Return label [#1050]\n\nHello Mark, here is your return label.\n"
write('03-outlook-reply.eml', hdr(frm='Mark Jones <mark@example.org>', subject='RE: Return label [#1050]', mid='<DB7PR01MB0001@eurprd01.prod.outlook.com>', extra='Thread-Topic: Return label\nThread-Index: AQHZabc=\nContent-Type: multipart/alternative; boundary="_000_DB7PR01MB_"\n') +
 '\n--_000_DB7PR01MB_\nContent-Type: text/plain; charset="Windows-1252"\nContent-Transfer-Encoding: quoted-printable\n\n' + qp(text03, 'windows-1252') +
 '\n--_000_DB7PR01MB_\nContent-Type: text/html; charset="Windows-1252"\nContent-Transfer-Encoding: quoted-printable\n\n' + qp('<html><body><p>Hi, I still have not received a refund for the returned shoes \u2013 it\u2019s been 10 days.</p><div id="divRplyFwdMsg"><b>From:</b> Store Support</div></body></html>', 'windows-1252') + '\n--_000_DB7PR01MB_--\n')

# 04 Outlook original message separator, text only
write('04-outlook-original-message.eml', hdr(frm='mark@example.org', subject='RE: Invoice', mid='<04@example.org>', extra='Content-Type: text/plain; charset=us-ascii\n') +
 '\nPlease send the invoice as PDF.\n\n-----Original Message-----\nFrom: Store Support [mailto:support@store.test]\nSent: Thursday, November 19, 2026 11:00 AM\nSubject: Invoice\n\nAttached is your invoice.\n')

# 05 Arabic Outlook headers, windows-1256 QP
text05 = "أرجو إلغاء الطلب رقم 7781 واسترداد المبلغ.\n\nمن: Store Support <support@store.test>\nتاريخ الإرسال: الجمعة، 20 نوفمبر، 2026 04:12 م\nإلى: Ahmad <ahmad@example.com>\nالموضوع: طلبك\n\nتم استلام طلبك.\n"
write('05-outlook-arabic-1256.eml', hdr(frm='Ahmad <ahmad@example.com>', subject=ew('إلغاء الطلب','windows-1256'), mid='<05@outlook.example>', extra='Content-Type: text/plain; charset="windows-1256"\nContent-Transfer-Encoding: quoted-printable\n') + '\n' + qp(text05, 'cp1256') + '\n')

# 06 Apple Mail reply with iPhone signature
write('06-apple-mail-reply.eml', hdr(frm='Nora Ali <nora@icloud.example>', subject='Re: Delivery address', mid='<06-A1B2@icloud.example>', extra='In-Reply-To: <hd.20.1044@store.test>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n') + '\n' +
 qp("Please change the address to 12 King Street, Leeds.\n\nSent from my iPhone\n\n> On 22 Nov 2026, at 09:00, Store Support <support@store.test> wrote:\n> \n> Which address should we use?\n") + '\n')

# 07 Apple Mail alternative with related html + inline image
png = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==')
write('07-apple-inline-image.eml', hdr(frm='Nora Ali <nora@icloud.example>', subject='Broken item', mid='<07@icloud.example>', extra='Content-Type: multipart/alternative; boundary="Apple-Mail-07A"\n') +
 '\n--Apple-Mail-07A\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nThe mug arrived broken, see the photo.\n' +
 '\n--Apple-Mail-07A\nContent-Type: multipart/related; type="text/html"; boundary="Apple-Mail-07B"\n\n--Apple-Mail-07B\nContent-Type: text/html; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n<html><body><div>The mug arrived broken, see the photo.</div><img src="cid:photo1@icloud.example" alt="photo"></body></html>\n--Apple-Mail-07B\nContent-Type: image/png; name="IMG_0001.png"\nContent-Disposition: inline; filename="IMG_0001.png"\nContent-Transfer-Encoding: base64\nContent-ID: <photo1@icloud.example>\n\n' + b64(png) + '\n--Apple-Mail-07B--\n\n--Apple-Mail-07A--\n')

# 08 Thunderbird reply with sig delimiter
write('08-thunderbird-reply.eml', hdr(frm='Tom Berg <tom@example.net>', subject='Re: Coupon code [#1060]', mid='<08.tb@example.net>', extra='User-Agent: Mozilla Thunderbird\nContent-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 7bit\n') +
 '\nThe code WINTER10 still says expired.\n\n-- \nTom Berg\nBerg Outdoor GmbH\n\nOn 11/22/26 09:00, Store Support wrote:\n> Try the code WINTER10.\n')

# 09 text only ascii
write('09-text-only.eml', hdr(frm='"Sam Buyer" <SAM.BUYER@Example.COM>', subject='Payment failed at checkout', mid='<09@example.com>', extra='Content-Type: text/plain\n') + '\nMy card was declined at the payment step but the money is gone.\nOrder 8812.\n')

# 10 html only with script
write('10-html-only-script.eml', hdr(subject='Checkout broken', mid='<10@example.com>', extra='Content-Type: text/html; charset=utf-8\n') +
 '\n<html><head><script>alert(1)</script><style>body{display:none}</style></head><body><p onclick="steal()">The <b>Pay now</b> button does nothing.</p><p>Tried twice.<img src="https://evil.example/x.png" onerror="alert(2)"></p><a href="javascript:alert(3)">link</a></body></html>\n')

# 11 html only arabic windows-1256 base64
html11 = '<html dir="rtl"><body><p>لم يصلني رمز التحقق عند الدفع.</p><p>شكراً</p></body></html>'
write('11-html-only-arabic-1256.eml', hdr(frm='Mona <mona@example.com>', subject=ew('مشكلة في الدفع','windows-1256'), mid='<11@example.com>', extra='Content-Type: text/html; charset="windows-1256"\nContent-Transfer-Encoding: base64\n') + '\n' + b64(html11.encode('cp1256')) + '\n')

# 12 ISO-8859-6 QP
write('12-iso-8859-6.eml', hdr(frm='Khaled <khaled@example.com>', subject='=?ISO-8859-6?Q?' + ''.join('=%02X' % b for b in 'استرجاع'.encode('iso8859_6')) + '?=', mid='<12@example.com>', extra='Content-Type: text/plain; charset=ISO-8859-6\nContent-Transfer-Encoding: quoted-printable\n') + '\n' + qp('أريد استرجاع المنتج لأنه لا يناسبني.\n', 'iso8859_6') + '\n')

# 13 windows-1256 8bit body (raw bytes)
h13 = hdr(frm='Huda <huda@example.com>', subject=ew('الشحن متأخر','windows-1256'), mid='<13@example.com>', extra='Content-Type: text/plain; charset=windows-1256\nContent-Transfer-Encoding: 8bit\n').replace('\n','\r\n').encode('ascii') + b'\r\n' + 'متى سيصل طلبي؟ مضى أسبوعان.\r\n'.encode('cp1256')
write('13-windows-1256-8bit.eml', None, binary=h13)

# 14 encoded words splitting a multibyte char
subj = 'مرحبا بكم'.encode('utf-8')
w1 = "=?UTF-8?B?%s?=" % base64.b64encode(subj[:5]).decode()
w2 = "=?UTF-8?B?%s?=" % base64.b64encode(subj[5:]).decode()
write('14-split-encoded-word.eml', hdr(subject=w1 + '\n ' + w2, mid='<14@example.com>', extra='Content-Type: text/plain; charset=utf-8\n') + '\nSplit subject test.\n')

# 15 raw UTF-8 headers
write('15-raw-utf8-headers.eml', hdr(frm='فاطمة الزهراء <fatima@example.com>', subject='سؤال عن المقاس', mid='<15@example.com>', extra='Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n') + '\nهل يتوفر المقاس الكبير؟\n')

pdf = b'%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'
# 16 RFC 2231 filename
write('16-attachment-rfc2231.eml', hdr(subject='Invoice attached', mid='<16@example.com>', extra='Content-Type: multipart/mixed; boundary="b16"\n') +
 "\n--b16\nContent-Type: text/plain; charset=utf-8\n\nHere is the invoice.\n--b16\nContent-Type: application/pdf\nContent-Disposition: attachment; filename*=UTF-8''%D9%81%D8%A7%D8%AA%D9%88%D8%B1%D8%A9.pdf\nContent-Transfer-Encoding: base64\n\n" + b64(pdf) + '\n--b16--\n')

# 17 encoded-word filename (Outlook)
write('17-attachment-encoded-word-name.eml', hdr(subject='Receipt', mid='<17@example.com>', extra='Content-Type: multipart/mixed; boundary="b17"\n') +
 '\n--b17\nContent-Type: text/plain; charset=utf-8\n\nReceipt attached.\n--b17\nContent-Type: application/pdf; name="%s"\nContent-Disposition: attachment; filename="%s"\nContent-Transfer-Encoding: base64\n\n' % (ew('إيصال الدفع.pdf'), ew('إيصال الدفع.pdf')) + b64(pdf) + '\n--b17--\n')

# 18 RFC 2231 continuations
write('18-attachment-rfc2231-continuation.eml', hdr(subject='Photos', mid='<18@example.com>', extra='Content-Type: multipart/mixed; boundary="b18"\n') +
 "\n--b18\nContent-Type: text/plain; charset=utf-8\n\nTwo photos of the damage.\n--b18\nContent-Type: image/png\nContent-Disposition: attachment;\n filename*0*=UTF-8''damaged%20parcel%20;\n filename*1*=photo%20%E2%80%93%20front.png\nContent-Transfer-Encoding: base64\n\n" + b64(png) + '\n--b18--\n')

inner = hdr(frm='Courier <noreply@courier.example>', to='layla@example.com', subject='Delivery attempt failed', mid='<inner19@courier.example>') + 'Content-Type: text/plain; charset=utf-8\n\nWe could not deliver parcel CX-123. Nobody was home.\n'
# 19 forwarded inline message/rfc822
write('19-forwarded-inline.eml', hdr(subject='Fwd: Delivery attempt failed', mid='<19@example.com>', extra='Content-Type: multipart/mixed; boundary="b19"\n') +
 '\n--b19\nContent-Type: text/plain; charset=utf-8\n\nSee below, I was home all day!\n--b19\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n' + inner + '\n--b19--\n')
# 20 forwarded as attachment
write('20-forwarded-attachment.eml', hdr(subject='Fwd: courier mail', mid='<20@example.com>', extra='Content-Type: multipart/mixed; boundary="b20"\n') +
 '\n--b20\nContent-Type: text/plain; charset=utf-8\n\nForwarding the courier mail as attachment.\n--b20\nContent-Type: message/rfc822; name="courier.eml"\nContent-Disposition: attachment; filename="courier.eml"\n\n' + inner + '\n--b20--\n')

# 21 no Message-ID
write('21-no-message-id.eml', hdr(subject='No id here', mid=None, extra='Content-Type: text/plain\n') + '\nThis mail has no Message-ID header.\n')
# 22 no sender at all
write('22-no-sender.eml', hdr(frm=None, subject='Who am I', mid='<22@example.com>', extra='Content-Type: text/plain\n') + '\nNobody sent this.\n')
# 23 garbage From
write('23-garbage-from.eml', hdr(frm='<<<>>> ;;; "unterminated', subject='Broken from', mid='<23@example.com>', extra='Content-Type: text/plain\n') + '\nThe From header is garbage.\n')
# 24 missing end boundary
write('24-missing-end-boundary.eml', hdr(subject='Cut off', mid='<24@example.com>', extra='Content-Type: multipart/alternative; boundary="b24"\n') +
 '\n--b24\nContent-Type: text/plain; charset=utf-8\n\nMy order never arrived and the mail got cut off\n--b24\nContent-Type: text/html; charset=utf-8\n\n<p>My order never arrived and the mail got cut off</p>\n')
# 25 boundary parameter does not match the body
write('25-wrong-boundary.eml', hdr(subject='Wrong boundary', mid='<25@example.com>', extra='Content-Type: multipart/mixed; boundary="declared"\n') +
 '\n--actual\nContent-Type: text/plain\n\nThe size chart is wrong for shoes.\n--actual--\n')
# 26 broken base64
write('26-broken-base64.eml', hdr(subject='Broken base64', mid='<26@example.com>', extra='Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n') +
 '\n' + b64('Please call me back about order 4411.'.encode()) [:20] + '!!**' + b64('Please call me back about order 4411.'.encode())[20:] + '\n')
# 27 unknown charset with UTF-8 bytes
write('27-unknown-charset.eml', hdr(subject='Unknown charset', mid='<27@example.com>', extra='Content-Type: text/plain; charset="x-unknown-42"\nContent-Transfer-Encoding: 8bit\n') + '\nThe café order — شكراً\n')
# 28 auto submitted
write('28-auto-submitted.eml', hdr(subject='Thank you for your mail', mid='<28@example.com>', extra='Auto-Submitted: auto-replied\nContent-Type: text/plain\n') + '\nI am travelling until Monday.\n')
# 29 Exchange out of office
write('29-exchange-ooo.eml', hdr(subject='Automatic reply: Your order [#1042]', mid='<29@example.com>', extra='X-Auto-Response-Suppress: All\nContent-Type: text/plain\n') + '\nI am out of the office.\n')
# 30 precedence bulk
write('30-precedence-bulk.eml', hdr(frm='News <news@shop-news.example>', subject='Black Friday deals', mid='<30@example.com>', extra='Precedence: bulk\nContent-Type: text/plain\n') + '\nOur best deals.\n')
# 31 mailing list
write('31-mailing-list.eml', hdr(frm='list-owner@lists.example', subject='[ecommerce] weekly digest', mid='<31@example.com>', extra='List-Id: <ecommerce.lists.example>\nList-Unsubscribe: <mailto:leave@lists.example>\nContent-Type: text/plain\n') + '\nDigest.\n')
# 32 suppress only
write('32-auto-response-suppress.eml', hdr(subject='Order from ERP', mid='<32@example.com>', extra='X-Auto-Response-Suppress: OOF, AutoReply\nContent-Type: text/plain\n') + '\nWe need a copy of invoice 5512.\n')
# 33 Auto-Submitted: no
write('33-auto-submitted-no.eml', hdr(subject='Human mail', mid='<33@example.com>', extra='Auto-Submitted: no\nContent-Type: text/plain\n') + '\nA person wrote this.\n')
# 34 DSN bounce with full original
orig = hdr(frm='Store Support <support@store.test>', to='gone@example.com', subject='Re: Your order [#1042]', mid='<hd.17.1042@store.test>') + 'Content-Type: text/plain\n\nYour order has shipped.\n'
write('34-bounce-dsn.eml', hdr(frm='Mail Delivery System <MAILER-DAEMON@mx.store.test>', subject='Undelivered Mail Returned to Sender', mid='<34@mx.store.test>', extra='Auto-Submitted: auto-replied\nContent-Type: multipart/report; report-type=delivery-status; boundary="b34"\n') +
 '\n--b34\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mx.store.test.\nI\'m sorry to have to inform you that your message could not be delivered.\n--b34\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.store.test\n\nFinal-Recipient: rfc822; gone@example.com\nOriginal-Recipient: rfc822;gone@example.com\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.com\nDiagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address\n rejected: User unknown\n--b34\nContent-Description: Undelivered Message\nContent-Type: message/rfc822\n\n' + orig + '\n--b34--\n')
# 35 DSN with headers only
write('35-bounce-headers-only.eml', hdr(frm='postmaster@outlook.example', subject='Undeliverable: Re: Refund [#1050]', mid='<35@outlook.example>', extra='Content-Type: multipart/report; report-type=delivery-status; boundary="b35"\n') +
 '\n--b35\nContent-Type: text/plain; charset=us-ascii\n\nDelivery has failed to these recipients: mark@example.org\n--b35\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;outlook.example\n\nFinal-Recipient: rfc822;mark@example.org\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp;552 5.2.2 mailbox full\n--b35\nContent-Type: text/rfc822-headers\n\nFrom: Store Support <support@store.test>\nTo: mark@example.org\nSubject: Re: Refund [#1050]\nMessage-ID: <hd.30.1050@store.test>\n\n--b35--\n')
# 36 delayed DSN
write('36-delay-dsn.eml', hdr(frm='MAILER-DAEMON@mx.store.test', subject='Delayed Mail (still being retried)', mid='<36@mx.store.test>', extra='Auto-Submitted: auto-replied\nContent-Type: multipart/report; report-type=delivery-status; boundary="b36"\n') +
 '\n--b36\nContent-Type: text/plain\n\nStill trying.\n--b36\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.store.test\n\nFinal-Recipient: rfc822; slow@example.com\nAction: delayed\nStatus: 4.4.1\n--b36--\n')
# 37 huge attachment (150 KB; tests use a 100 KB limit)
big = os.urandom(150*1024)
write('37-huge-attachment.eml', hdr(subject='Video of the problem', mid='<37@example.com>', extra='Content-Type: multipart/mixed; boundary="b37"\n') +
 '\n--b37\nContent-Type: text/plain\n\nVideo attached.\n--b37\nContent-Type: video/mp4\nContent-Disposition: attachment; filename="problem.mp4"\nContent-Transfer-Encoding: base64\n\n' + b64(big) + '\n--b37\nContent-Type: image/png\nContent-Disposition: attachment; filename="small.png"\nContent-Transfer-Encoding: base64\n\n' + b64(png) + '\n--b37--\n')
# 38 Thunderbird mixed with several attachments including text/plain attachment
write('38-mixed-attachments.eml', hdr(frm='Tom Berg <tom@example.net>', subject='Documents for the return', mid='<38@example.net>', extra='Content-Type: multipart/mixed; boundary="b38"\n') +
 '\n--b38\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\nThree documents attached.\n--b38\nContent-Type: application/pdf; name="label.pdf"\nContent-Disposition: attachment; filename="label.pdf"\nContent-Transfer-Encoding: base64\n\n' + b64(pdf) +
 '\n--b38\nContent-Type: image/png; name="box.png"\nContent-Disposition: attachment; filename="box.png"\nContent-Transfer-Encoding: base64\n\n' + b64(png) +
 '\n--b38\nContent-Type: text/plain; charset=UTF-8; name="serials.txt"\nContent-Disposition: attachment; filename="serials.txt"\n\nSN-001\nSN-002\n--b38--\n')
# 39 calendar invite in alternative
write('39-calendar-invite.eml', hdr(subject='Invitation: pickup appointment', mid='<39@example.com>', extra='Content-Type: multipart/alternative; boundary="b39"\n') +
 '\n--b39\nContent-Type: text/plain; charset=utf-8\n\nPickup on Monday at 10.\n--b39\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\n\nBEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Pickup\nEND:VEVENT\nEND:VCALENDAR\n--b39--\n')
# 40 ticket reference only
write('40-ticket-ref-subject.eml', hdr(subject='Re: Order late [#1042]', mid='<40@example.com>', extra='Content-Type: text/plain\n') + '\nAny news on this?\n')
# 41 Arabic mobile signature
write('41-arabic-mobile-signature.eml', hdr(frm='Omar <omar@example.com>', subject=ew('استفسار'), mid='<41@example.com>', extra='Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n') + '\n' + b64('هل يمكن التوصيل إلى جدة؟\n\nأرسلت من الـ iPhone الخاص بي\n'.encode()) + '\n')
# 42 signature delimiter
write('42-signature-delimiter.eml', hdr(subject='Gift wrap', mid='<42@example.com>', extra='Content-Type: text/plain\n') + '\nCan you gift wrap order 9912?\n\n-- \nLayla Hassan\nSenior Buyer, Hassan Trading\n+971 50 000 0000\n')
# 43 bottom posting with inline replies
write('43-inline-replies.eml', hdr(subject='Re: Questions', mid='<43@example.com>', extra='Content-Type: text/plain\n') + '\n> Which colour do you want?\nBlue please.\n\n> Which size?\nMedium.\n\n> Anything else?\n> Reply by Friday.\n')
# 44 only a quote
write('44-only-quote.eml', hdr(subject='Re: hello', mid='<44@example.com>', extra='Content-Type: text/plain\n') + '\nOn Sun, Nov 22, 2026 at 9:00 AM Store Support <support@store.test> wrote:\n> Hello, how can we help?\n')
# 45 Apple multiple inline text parts around an image
write('45-apple-text-image-text.eml', hdr(frm='Nora Ali <nora@icloud.example>', subject='Scratches', mid='<45@icloud.example>', extra='Content-Type: multipart/mixed; boundary="b45"\n') +
 '\n--b45\nContent-Type: text/plain; charset=us-ascii\n\nHere is the scratch:\n--b45\nContent-Type: image/png; name="scratch.png"\nContent-Disposition: inline; filename="scratch.png"\nContent-Transfer-Encoding: base64\n\n' + b64(png) + '\n--b45\nContent-Type: text/plain; charset=us-ascii\n\nAnd it came like this in the box.\n--b45--\n')
# 46 Cc and Reply-To
write('46-cc.eml', hdr(subject='Bulk order', mid='<46@example.com>', extra='Cc: Partner <PARTNER@example.com>, boss@example.com\nReply-To: orders@example.com\nContent-Type: text/plain\n') + '\nWe would like 40 units.\n')
# 47 deeply nested
write('47-nested-deep.eml', hdr(subject='Nested', mid='<47@example.com>', extra='Content-Type: multipart/mixed; boundary="m47"\n') +
 '\n--m47\nContent-Type: multipart/alternative; boundary="a47"\n\n--a47\nContent-Type: text/plain; charset=utf-8\n\nNested text body.\n--a47\nContent-Type: multipart/related; boundary="r47"\n\n--r47\nContent-Type: text/html; charset=utf-8\n\n<p>Nested <b>html</b> body.</p><img src="cid:logo47">\n--r47\nContent-Type: image/png\nContent-ID: <logo47>\nContent-Transfer-Encoding: base64\n\n' + b64(png) + '\n--r47--\n--a47--\n--m47\nContent-Type: application/pdf; name="order.pdf"\nContent-Disposition: attachment; filename="order.pdf"\nContent-Transfer-Encoding: base64\n\n' + b64(pdf) + '\n--m47--\n')
# 48 bad date, folded subject
write('48-bad-date-folded-subject.eml', hdr(subject='A very long subject line about my order that\n  wraps onto a second line', date='yesterday at noon', mid='<48@example.com>', extra='Content-Type: text/plain\n') + '\nBody.\n')
# 49 encoded Arabic sender name
write('49-encoded-arabic-name.eml', hdr(frm='"%s" <rania@example.com>' % ew('رانيا سعيد'), subject='Size exchange', mid='<49@example.com>', extra='Content-Type: text/plain; charset=utf-8\n') + '\nI need a size exchange.\n')
# 50 Q-encoded subject with underscores, latin + arabic
write('50-q-encoded-subject.eml', hdr(subject='=?UTF-8?Q?Order_=23991_=E2=80=93_?= =?UTF-8?Q?=D8=B4=D9=83=D8=B1=D8=A7?=', mid='<50@example.com>', extra='Content-Type: text/plain\n') + '\nQ encoding.\n')
# 51 gmail quote header on one line, french
write('51-french-quote.eml', hdr(subject='Re: Commande', mid='<51@example.fr>', extra='Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n') + '\nMerci, c\'est reçu.\n\nLe dim. 22 nov. 2026 à 09:00, Store Support <support@store.test> a écrit :\n> Votre commande est partie.\n')
print(len(os.listdir(OUT)))
