#include "models/sandbox/OverridePack.h"

#include "models/UtcTime.h"
#include "models/sandbox/SandboxName.h"

#include <QCryptographicHash>
#include <QHash>

namespace pdnsw {

namespace {

constexpr int kMaxLineLength = 255;
constexpr int kMaxWindowsNamesPerLine = 8;
constexpr int kMaxCommentLength = 240;

bool isIpv6(const QString& address)
{
    return address.contains(u':');
}

QString commentLine(const QString& text, const QString& indent = {})
{
    return indent + QStringLiteral("# ") + sandboxCommentText(text, kMaxCommentLength);
}

struct Plan
{
    QList<AddressName> pins; // validated, deduplicated, in request order
    QStringList names; // distinct names in request order
    QHash<QString, QStringList> comments; // per name
};

QStringList hostsLines(const Plan& plan)
{
    QStringList lines;
    for (const QString& name : plan.names) {
        for (const QString& c : plan.comments.value(name))
            lines.append(commentLine(name + QStringLiteral(": ") + c));
        for (const AddressName& pin : plan.pins) {
            if (pin.second == name)
                lines.append(pin.first + u'\t' + pin.second);
        }
    }
    return lines;
}

// Windows resolves only 8 names per line: group by address, split at 8 names or 255 characters.
QStringList windowsLines(const Plan& plan)
{
    QStringList lines;
    for (const QString& name : plan.names) {
        for (const QString& c : plan.comments.value(name))
            lines.append(commentLine(name + QStringLiteral(": ") + c));
    }
    QStringList addresses;
    for (const AddressName& pin : plan.pins) {
        if (!addresses.contains(pin.first))
            addresses.append(pin.first);
    }
    for (const QString& address : addresses) {
        QString line;
        int count = 0;
        for (const AddressName& pin : plan.pins) {
            if (pin.first != address)
                continue;
            if (count == kMaxWindowsNamesPerLine
                || (count > 0 && line.size() + 1 + pin.second.size() > kMaxLineLength)) {
                lines.append(line);
                count = 0;
            }
            line = count == 0 ? address + u'\t' + pin.second : line + u' ' + pin.second;
            ++count;
        }
        if (count > 0)
            lines.append(line);
    }
    return lines;
}

QStringList dnsmasqLines(const Plan& plan, bool subdomains)
{
    QStringList lines;
    for (const QString& name : plan.names) {
        for (const QString& c : plan.comments.value(name))
            lines.append(commentLine(name + QStringLiteral(": ") + c));
        for (const AddressName& pin : plan.pins) {
            if (pin.second != name)
                continue;
            // address= also answers every subdomain; host-record= pins the exact name (with its PTR).
            lines.append(subdomains ? QStringLiteral("address=/%1/%2").arg(pin.second, pin.first)
                                    : QStringLiteral("host-record=%1,%2").arg(pin.second, pin.first));
        }
    }
    return lines;
}

QStringList unboundLines(const Plan& plan, bool subdomains)
{
    const QString indent = QStringLiteral("    ");
    QStringList lines{QStringLiteral("server:")};
    QStringList ptrAddresses;
    QStringList ptrLines;
    for (const QString& name : plan.names) {
        for (const QString& c : plan.comments.value(name))
            lines.append(commentLine(name + QStringLiteral(": ") + c, indent));
        if (subdomains)
            lines.append(indent + QStringLiteral("local-zone: \"%1.\" redirect").arg(name));
        for (const AddressName& pin : plan.pins) {
            if (pin.second != name)
                continue;
            lines.append(indent
                + QStringLiteral("local-data: \"%1. IN %2 %3\"")
                      .arg(pin.second, isIpv6(pin.first) ? QStringLiteral("AAAA") : QStringLiteral("A"), pin.first));
            // One PTR per address: the first name asked for it.
            if (!ptrAddresses.contains(pin.first)) {
                ptrAddresses.append(pin.first);
                ptrLines.append(indent + QStringLiteral("local-data-ptr: \"%1 %2\"").arg(pin.first, pin.second));
            }
        }
    }
    return lines + ptrLines;
}

QStringList inetsimLines(const Plan& plan)
{
    QStringList lines;
    for (const QString& name : plan.names) {
        for (const QString& c : plan.comments.value(name))
            lines.append(commentLine(name + QStringLiteral(": ") + c));
        for (const AddressName& pin : plan.pins) {
            if (pin.second == name)
                lines.append(QStringLiteral("dns_static %1 %2").arg(pin.second, pin.first));
        }
    }
    return lines;
}

} // namespace

OverridePack generateOverride(
    const QList<OverrideEntry>& entries, const OverrideHeader& header, OverrideFormat format, bool subdomains)
{
    OverridePack pack;
    pack.format = format;

    Plan plan;
    for (const OverrideEntry& e : entries) {
        QString reason;
        const auto name = sandboxHostName(e.name, &reason);
        if (!name) {
            pack.rejected.append({e.name, e.address, reason});
            continue;
        }
        const auto address = sandboxAddress(e.address, &reason);
        if (!address) {
            pack.rejected.append({e.name, e.address, reason});
            continue;
        }
        if (format == OverrideFormat::Inetsim && isIpv6(*address)) {
            pack.warnings.append(QStringLiteral("%1 -> %2 left out: INetSim's dns_static takes IPv4 addresses only")
                                     .arg(*name, *address));
            continue;
        }
        const AddressName pin{*address, *name};
        if (!plan.pins.contains(pin))
            plan.pins.append(pin);
        if (!plan.names.contains(*name))
            plan.names.append(*name);
        if (!e.comment.isEmpty() && !plan.comments.value(*name).contains(e.comment))
            plan.comments[*name].append(e.comment);
    }

    const bool wildcard = subdomains && (format == OverrideFormat::Dnsmasq || format == OverrideFormat::Unbound);
    if (subdomains && !wildcard)
        pack.warnings.append(QStringLiteral("%1 cannot pin subdomains; only the exact names are listed (use dnsmasq "
                                            "or unbound for subdomains)")
                                 .arg(overrideFormatName(format)));

    QStringList lines;
    switch (format) {
    case OverrideFormat::Hosts:
        lines = hostsLines(plan);
        break;
    case OverrideFormat::Windows:
        lines = windowsLines(plan);
        break;
    case OverrideFormat::Dnsmasq:
        lines = dnsmasqLines(plan, wildcard);
        break;
    case OverrideFormat::Unbound:
        lines = unboundLines(plan, wildcard);
        break;
    case OverrideFormat::Inetsim:
        lines = inetsimLines(plan);
        break;
    }

    const QString eol = overrideLineEnding(format);
    pack.body = lines.isEmpty() ? QString() : lines.join(eol) + eol;
    pack.bodySha256
        = QString::fromLatin1(QCryptographicHash::hash(pack.body.toUtf8(), QCryptographicHash::Sha256).toHex());

    QString caseText = header.caseTitle;
    if (!header.caseId.isEmpty())
        caseText += QStringLiteral(" [%1]").arg(header.caseId);
    const QStringList headerLines{
        commentLine(QStringLiteral("PDNS Workbench sandbox override (%1)").arg(overrideFormatName(format))),
        commentLine(QStringLiteral("case: ") + caseText),
        commentLine(QStringLiteral("as of: ") + header.asOf),
        commentLine(QStringLiteral("sources: ")
            + (header.sources.isEmpty() ? QStringLiteral("all") : header.sources.join(QStringLiteral(", ")))),
        commentLine(QStringLiteral("generated: ") + formatUtcTime(header.generatedAt)),
        commentLine(QStringLiteral("body-sha256: ") + pack.bodySha256),
        commentLine(QStringLiteral("entries: %1 %2, %3 %4")
                        .arg(plan.names.size())
                        .arg(plan.names.size() == 1 ? QStringLiteral("name") : QStringLiteral("names"))
                        .arg(plan.pins.size())
                        .arg(plan.pins.size() == 1 ? QStringLiteral("pin") : QStringLiteral("pins"))),
    };
    const QString text = headerLines.join(eol) + eol + pack.body;

    // Read the result back as its consumer would: it must pin exactly what was intended, and nothing else.
    const ParsedOverride parsed = parseOverride(text, format);
    const QSet<AddressName> intended(plan.pins.cbegin(), plan.pins.cend());
    QSet<QString> intendedWildcards;
    if (wildcard) {
        for (const AddressName& pin : plan.pins)
            intendedWildcards.insert(pin.second);
    }
    if (!parsed.problems.isEmpty()) {
        pack.error = QStringLiteral("the generated %1 file did not read back cleanly (%2); nothing was written")
                         .arg(overrideFormatName(format), parsed.problems.first());
    } else if (parsed.pairs != intended || parsed.subdomainNames != intendedWildcards) {
        pack.error = QStringLiteral("the generated %1 file reads back as %2 pins instead of the %3 intended; nothing "
                                    "was written")
                         .arg(overrideFormatName(format))
                         .arg(parsed.pairs.size())
                         .arg(intended.size());
    }
    if (!pack.ok()) {
        pack.body.clear();
        pack.bodySha256.clear();
        return pack;
    }
    pack.text = text;
    pack.pairs = plan.pins;
    if (wildcard)
        pack.subdomainNames = plan.names;
    return pack;
}

} // namespace pdnsw
