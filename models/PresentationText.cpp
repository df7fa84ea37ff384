#include "models/PresentationText.h"

namespace pdnsw {

void appendDecimalEscape(QString& out, uint value)
{
    out += u'\\';
    out += QChar(u'0' + (value / 100) % 10);
    out += QChar(u'0' + (value / 10) % 10);
    out += QChar(u'0' + value % 10);
}

QString escapeControlText(QStringView text, bool escapeSpaces)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0);
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
        if (control || (escapeSpaces && (u == u' ' || bidi)))
            appendDecimalEscape(out, u < 0x100 ? u : u'?');
        else
            out += c;
    }
    return out;
}

} // namespace pdnsw
