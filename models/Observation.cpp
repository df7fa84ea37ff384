#include "models/Observation.h"

namespace pdnsw {

QString sectionName(Section section)
{
    switch (section) {
    case Section::Answer:
        return QStringLiteral("answer");
    case Section::Authority:
        return QStringLiteral("authority");
    case Section::Additional:
        return QStringLiteral("additional");
    case Section::Negative:
        return QStringLiteral("negative");
    }
    return QStringLiteral("answer");
}

std::optional<Section> sectionFromName(QStringView name)
{
    if (name == u"answer")
        return Section::Answer;
    if (name == u"authority")
        return Section::Authority;
    if (name == u"additional")
        return Section::Additional;
    if (name == u"negative")
        return Section::Negative;
    return std::nullopt;
}

} // namespace pdnsw
