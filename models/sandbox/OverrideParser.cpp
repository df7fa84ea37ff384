#include "models/sandbox/OverrideParser.h"

#include "models/sandbox/SandboxName.h"

#include <QRegularExpression>

namespace pdnsw {

namespace {

constexpr int kMaxLineLength = 255;
constexpr int kMaxWindowsNamesPerLine = 8;

class LineReader
{
public:
    LineReader(ParsedOverride& result, int lineNumber)
        : m_result(result)
        , m_line(lineNumber)
    {
    }

    void problem(const QString& text) { m_result.problems.append(QStringLiteral("line %1: %2").arg(m_line).arg(text)); }

    // The canonical name, or a problem when the text is not exactly a canonical host name.
    std::optional<QString> name(QStringView text)
    {
        QString reason;
        const auto name = sandboxHostName(text, &reason);
        if (!name) {
            problem(reason);
            return std::nullopt;
        }
        if (*name != text) {
            problem(QStringLiteral("name '%1' is not in canonical form").arg(sandboxCommentText(text, 80)));
            return std::nullopt;
        }
        return name;
    }

    std::optional<QString> address(QStringView text)
    {
        QString reason;
        const auto address = sandboxAddress(text, &reason);
        if (!address) {
            problem(reason);
            return std::nullopt;
        }
        if (*address != text) {
            problem(QStringLiteral("address '%1' is not in canonical form").arg(sandboxCommentText(text, 80)));
            return std::nullopt;
        }
        return address;
    }

private:
    ParsedOverride& m_result;
    int m_line;
};

bool isIpv4(const QString& address)
{
    return !address.contains(u':');
}

void parseHostsLine(QStringView line, bool windows, LineReader& reader, ParsedOverride& result)
{
    const qsizetype hash = line.indexOf(u'#');
    const QStringView data = hash < 0 ? line : line.left(hash);
    static const QRegularExpression blanks(QStringLiteral("[ \\t]+"));
    const QStringList fields = data.toString().split(blanks, Qt::SkipEmptyParts);
    if (fields.isEmpty())
        return;
    const auto address = reader.address(fields.first());
    if (fields.size() < 2) {
        reader.problem(QStringLiteral("an address without a name"));
        return;
    }
    if (windows && fields.size() - 1 > kMaxWindowsNamesPerLine)
        reader.problem(QStringLiteral("%1 names on one line; Windows resolves only the first %2")
                           .arg(fields.size() - 1)
                           .arg(kMaxWindowsNamesPerLine));
    for (qsizetype i = 1; i < fields.size(); ++i) {
        const auto name = reader.name(fields.at(i));
        if (address && name)
            result.pairs.insert({*address, *name});
    }
}

// host-record= mixes names and addresses in one list: digits-and-dots or anything with ':' is an address.
bool canonicalAddressLike(QStringView field)
{
    if (field.contains(u':'))
        return true;
    for (QChar c : field) {
        if (!c.isDigit() && c != u'.')
            return false;
    }
    return !field.isEmpty();
}

void parseDnsmasqLine(QStringView line, LineReader& reader, ParsedOverride& result)
{
    if (line.startsWith(u"host-record=")) {
        const QStringList fields = line.mid(12).toString().split(u',');
        QStringList names;
        QStringList addresses;
        for (const QString& field : fields) {
            if (canonicalAddressLike(field)) {
                if (const auto a = reader.address(field))
                    addresses.append(*a);
            } else if (const auto n = reader.name(field)) {
                names.append(*n);
            }
        }
        if (names.isEmpty() || addresses.isEmpty())
            reader.problem(QStringLiteral("host-record needs a name and an address"));
        for (const QString& a : addresses) {
            for (const QString& n : names)
                result.pairs.insert({a, n});
        }
        return;
    }
    if (line.startsWith(u"address=/")) {
        const QStringList fields = line.mid(9).toString().split(u'/');
        if (fields.size() < 2) {
            reader.problem(QStringLiteral("address= needs /name/address"));
            return;
        }
        const auto address = reader.address(fields.last());
        for (qsizetype i = 0; i + 1 < fields.size(); ++i) {
            const auto name = reader.name(fields.at(i));
            if (address && name) {
                result.pairs.insert({*address, *name});
                result.subdomainNames.insert(*name);
            }
        }
        return;
    }
    reader.problem(QStringLiteral("not a host-record= or address= line"));
}

// The text between the quotes of `key: "..."`, or nullopt.
std::optional<QString> quotedValue(QStringView rest)
{
    const QStringView t = rest.trimmed();
    if (t.size() < 2 || !t.startsWith(u'"') || !t.endsWith(u'"') || t.mid(1, t.size() - 2).contains(u'"'))
        return std::nullopt;
    return t.mid(1, t.size() - 2).toString();
}

void parseUnboundLine(QStringView line, LineReader& reader, ParsedOverride& result, QSet<AddressName>& ptrs)
{
    const QStringView t = line.trimmed();
    if (t == u"server:")
        return;
    static const QRegularExpression blanks(QStringLiteral("[ \\t]+"));
    if (t.startsWith(u"local-data:")) {
        const auto value = quotedValue(t.mid(11));
        const QStringList f = value ? value->split(blanks, Qt::SkipEmptyParts) : QStringList();
        if (f.size() != 4 || f.at(1) != QLatin1String("IN")
            || (f.at(2) != QLatin1String("A") && f.at(2) != QLatin1String("AAAA")) || !f.at(0).endsWith(u'.')) {
            reader.problem(QStringLiteral("local-data is not \"NAME. IN A|AAAA ADDRESS\""));
            return;
        }
        const auto name = reader.name(QStringView(f.at(0)).chopped(1));
        const auto address = reader.address(f.at(3));
        if (name && address) {
            if ((f.at(2) == QLatin1String("A")) != isIpv4(*address))
                reader.problem(QStringLiteral("record type %1 does not match address %2").arg(f.at(2), *address));
            else
                result.pairs.insert({*address, *name});
        }
        return;
    }
    if (t.startsWith(u"local-data-ptr:")) {
        const auto value = quotedValue(t.mid(15));
        const QStringList f = value ? value->split(blanks, Qt::SkipEmptyParts) : QStringList();
        if (f.size() != 2) {
            reader.problem(QStringLiteral("local-data-ptr is not \"ADDRESS NAME\""));
            return;
        }
        const auto address = reader.address(f.at(0));
        const auto name = reader.name(f.at(1));
        if (address && name)
            ptrs.insert({*address, *name});
        return;
    }
    if (t.startsWith(u"local-zone:")) {
        const QStringView rest = t.mid(11).trimmed();
        if (!rest.endsWith(u" redirect")) {
            reader.problem(QStringLiteral("local-zone other than redirect"));
            return;
        }
        const auto zone = quotedValue(rest.chopped(9));
        if (!zone || !zone->endsWith(u'.')) {
            reader.problem(QStringLiteral("local-zone is not \"NAME.\" redirect"));
            return;
        }
        if (const auto name = reader.name(QStringView(*zone).chopped(1)))
            result.subdomainNames.insert(*name);
        return;
    }
    reader.problem(QStringLiteral("not a server:, local-data:, local-data-ptr: or local-zone: line"));
}

void parseInetsimLine(QStringView line, LineReader& reader, ParsedOverride& result)
{
    static const QRegularExpression blanks(QStringLiteral("[ \\t]+"));
    const QStringList f = line.toString().split(blanks, Qt::SkipEmptyParts);
    if (f.size() != 3 || f.at(0) != QLatin1String("dns_static")) {
        reader.problem(QStringLiteral("not a 'dns_static NAME ADDRESS' line"));
        return;
    }
    const auto name = reader.name(f.at(1));
    const auto address = reader.address(f.at(2));
    if (address && !isIpv4(*address)) {
        reader.problem(QStringLiteral("INetSim's dns_static takes IPv4 addresses only"));
        return;
    }
    if (name && address)
        result.pairs.insert({*address, *name});
}

} // namespace

ParsedOverride parseOverride(const QString& text, OverrideFormat format)
{
    ParsedOverride result;
    const bool crlf = format == OverrideFormat::Windows;
    QSet<AddressName> ptrs;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringView line = lines.at(i);
        LineReader reader(result, static_cast<int>(i + 1));
        if (i + 1 == lines.size() && line.isEmpty())
            break; // after the final line ending
        if (crlf) {
            if (!line.endsWith(u'\r'))
                reader.problem(QStringLiteral("line does not end in CRLF"));
            else
                line.chop(1);
        }
        if (line.contains(u'\r') || line.contains(QChar(0))) {
            reader.problem(QStringLiteral("stray CR or NUL"));
            continue;
        }
        if (line.size() > kMaxLineLength)
            reader.problem(
                QStringLiteral("line is %1 characters long; keep it within %2").arg(line.size()).arg(kMaxLineLength));
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        switch (format) {
        case OverrideFormat::Hosts:
        case OverrideFormat::Windows:
            parseHostsLine(line, format == OverrideFormat::Windows, reader, result);
            break;
        case OverrideFormat::Dnsmasq:
            parseDnsmasqLine(trimmed, reader, result);
            break;
        case OverrideFormat::Unbound:
            parseUnboundLine(trimmed, reader, result, ptrs);
            break;
        case OverrideFormat::Inetsim:
            parseInetsimLine(trimmed, reader, result);
            break;
        }
    }
    for (const AddressName& ptr : std::as_const(ptrs)) {
        if (!result.pairs.contains(ptr))
            result.problems.append(
                QStringLiteral("local-data-ptr %1 %2 has no matching local-data").arg(ptr.first, ptr.second));
    }
    return result;
}

} // namespace pdnsw
