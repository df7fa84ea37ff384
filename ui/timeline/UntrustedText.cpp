#include "ui/timeline/UntrustedText.h"

namespace pdnsw {

namespace {

bool isBidiControl(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString visibleUntrusted(QStringView text, int maxLength)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxLength) + 8);
    int shown = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (maxLength > 0 && shown >= maxLength) {
            out += QChar(0x2026);
            break;
        }
        const char16_t c = text.at(i).unicode();
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        } else if (isBidiControl(c) || c == 0xFEFF || c == 0x2028 || c == 0x2029) {
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        } else if (QChar::isSurrogate(c)
            && !(QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())) {
            out += QChar(QChar::ReplacementCharacter); // a lone surrogate would break the text engine
        } else {
            out += QChar(c);
            if (QChar::isHighSurrogate(c))
                out += text.at(++i);
        }
        ++shown;
    }
    return out;
}

QString htmlUntrusted(QStringView text, int maxLength)
{
    return visibleUntrusted(text, maxLength).toHtmlEscaped();
}

} // namespace pdnsw
