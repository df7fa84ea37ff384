#include "capture/logs/LogFormat.h"

#include "capture/logs/LogFieldText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <array>

namespace pdnsw {
namespace {

struct FormatName
{
    LogFormat format;
    const char* name;
};

constexpr std::array kFormatNames{
    FormatName{LogFormat::ZeekTsv, "zeek"},
    FormatName{LogFormat::ZeekJson, "zeek-json"},
    FormatName{LogFormat::PassiveDns, "passivedns"},
    FormatName{LogFormat::PassiveDnsJson, "passivedns-json"},
    FormatName{LogFormat::Cof, "cof"},
};

enum class JsonGuess
{
    Unknown,
    Neutral,
    ZeekJson,
    PassiveDnsJson,
    Cof
};

// Classifies one JSON object by the keys only the format writes.
JsonGuess guessFromKeys(const QJsonObject& object)
{
    if (object.isEmpty())
        return JsonGuess::Neutral; // a SAF keep-alive line: look further
    if (object.contains(u"obj") || object.contains(u"cond") || object.contains(u"rrname") || object.contains(u"rdata"))
        return JsonGuess::Cof;
    if (object.contains(u"timestamp_s") || object.contains(u"timestamp_ms")
        || (object.contains(u"answer") && object.contains(u"query")))
        return JsonGuess::PassiveDnsJson;
    if (object.contains(u"uid") || object.contains(u"id.orig_h") || object.contains(u"qtype_name")
        || object.contains(u"_path") || (object.contains(u"ts") && object.contains(u"query")))
        return JsonGuess::ZeekJson;
    return JsonGuess::Unknown;
}

// The same decision on a line cut off by the end of the head buffer, from the quoted keys it contains.
JsonGuess guessFromText(QByteArrayView line)
{
    auto has = [&](const char* key) { return line.contains(QByteArrayView(key)); };
    if (has("\"obj\"") || has("\"cond\"") || has("\"rrname\"") || has("\"rdata\""))
        return JsonGuess::Cof;
    if (has("\"timestamp_s\"") || has("\"timestamp_ms\"") || (has("\"answer\"") && has("\"query\"")))
        return JsonGuess::PassiveDnsJson;
    if (has("\"uid\"") || has("\"id.orig_h\"") || has("\"qtype_name\"") || has("\"_path\"")
        || (has("\"ts\"") && has("\"query\"")))
        return JsonGuess::ZeekJson;
    return JsonGuess::Unknown;
}

bool looksLikePassiveDnsText(QByteArrayView line)
{
    const QList<QByteArrayView> fields = [&] {
        QList<QByteArrayView> parts;
        qsizetype start = 0;
        while (true) {
            const qsizetype at = line.indexOf(QByteArrayView("||"), start);
            if (at < 0) {
                parts.append(viewMid(line, start));
                break;
            }
            parts.append(viewMid(line, start, at - start));
            start = at + 2;
        }
        return parts;
    }();
    if (fields.size() < 8)
        return false;
    return parseLogTime(QString::fromLatin1(fields.first())).has_value();
}

} // namespace

QString logFormatName(LogFormat format)
{
    for (const auto& entry : kFormatNames) {
        if (entry.format == format)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<LogFormat> logFormatFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (const auto& entry : kFormatNames) {
        if (trimmed.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return entry.format;
    }
    return std::nullopt;
}

QStringList logFormatNames()
{
    QStringList names;
    for (const auto& entry : kFormatNames)
        names.append(QString::fromLatin1(entry.name));
    return names;
}

std::optional<LogFormat> detectLogFormat(const QByteArray& head)
{
    QByteArrayView rest(head);
    if (rest.startsWith(QByteArrayView("\xEF\xBB\xBF")))
        rest = viewMid(rest, 3);

    constexpr int kMaxLinesLooked = 50;
    int looked = 0;
    while (!rest.isEmpty() && looked < kMaxLinesLooked) {
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != '\n' && rest[end] != '\r')
            ++end;
        const bool complete = end < rest.size();
        const QByteArrayView line = viewLeft(rest, end).trimmed();
        rest = viewMid(rest, complete ? end + 1 : end);
        if (line.isEmpty())
            continue;
        ++looked;

        if (line.startsWith('#')) {
            // Zeek writes these before anything else; passivedns logs may start with a "#timestamp||..." comment.
            if (line.startsWith(QByteArrayView("#separator")) || line.startsWith(QByteArrayView("#fields"))
                || line.startsWith(QByteArrayView("#set_separator")) || line.startsWith(QByteArrayView("#path")))
                return LogFormat::ZeekTsv;
            continue;
        }
        if (line.startsWith('{')) {
            QJsonParseError error{};
            const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
            JsonGuess guess = JsonGuess::Unknown;
            if (error.error == QJsonParseError::NoError && document.isObject())
                guess = guessFromKeys(document.object());
            else if (!complete)
                guess = guessFromText(line);
            switch (guess) {
            case JsonGuess::Cof:
                return LogFormat::Cof;
            case JsonGuess::PassiveDnsJson:
                return LogFormat::PassiveDnsJson;
            case JsonGuess::ZeekJson:
                return LogFormat::ZeekJson;
            case JsonGuess::Neutral:
            case JsonGuess::Unknown:
                continue;
            }
        }
        if (line.contains(QByteArrayView("||")) && looksLikePassiveDnsText(line))
            return LogFormat::PassiveDns;
    }
    return std::nullopt;
}

SourceInfo logSourceDefaults(LogFormat format)
{
    SourceInfo info;
    switch (format) {
    case LogFormat::ZeekTsv:
    case LogFormat::ZeekJson:
        info.kind = QStringLiteral("zeek");
        break;
    case LogFormat::PassiveDns:
    case LogFormat::PassiveDnsJson:
        info.kind = QStringLiteral("passivedns");
        break;
    case LogFormat::Cof:
        info.kind = QStringLiteral("cof");
        break;
    }
    QJsonObject parameters;
    parameters.insert(QStringLiteral("format"), logFormatName(format));
    info.parameters = QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact));
    info.timeGranularity = QStringLiteral("second");
    info.timeKind = QStringLiteral("sensor");
    info.state = QStringLiteral("importing");
    return info;
}

} // namespace pdnsw
