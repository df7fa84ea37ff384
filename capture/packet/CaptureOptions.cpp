#include "capture/packet/CaptureOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>

namespace pdnsw {

std::optional<std::vector<std::uint16_t>> CaptureOptions::parsePorts(const QString& text, QString* error)
{
    std::vector<std::uint16_t> ports;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const uint port = part.trimmed().toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            if (error)
                *error = QStringLiteral("invalid port \"%1\" in \"%2\": give numbers from 1 to 65535 separated by "
                                        "commas, e.g. 53,5300")
                             .arg(part.trimmed(), text);
            return std::nullopt;
        }
        ports.push_back(static_cast<std::uint16_t>(port));
    }
    if (ports.empty()) {
        if (error)
            *error = QStringLiteral("no port given: use e.g. --ports 53,5300");
        return std::nullopt;
    }
    // One spelling per set of ports: "5300,53,53" and "53,5300" are the same import options (parametersJson).
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    return ports;
}

QString CaptureOptions::parametersJson() const
{
    QJsonArray ports;
    for (std::uint16_t p : dnsPorts)
        ports.append(int(p));
    QJsonObject o;
    o.insert(QStringLiteral("ports"), ports);
    o.insert(QStringLiteral("mdns"), mdns);
    o.insert(QStringLiteral("llmnr"), llmnr);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace pdnsw
