#include "capture/logs/LogReader.h"

#include "capture/logs/CofReader.h"
#include "capture/logs/PassiveDnsJsonReader.h"
#include "capture/logs/PassiveDnsReader.h"
#include "capture/logs/ZeekJsonReader.h"
#include "capture/logs/ZeekTsvReader.h"

namespace pdnsw {

std::unique_ptr<LogReader> createLogReader(LogFormat format, const std::optional<PassiveDnsLayout>& passiveDnsLayout)
{
    switch (format) {
    case LogFormat::ZeekTsv:
        return std::make_unique<ZeekTsvReader>();
    case LogFormat::ZeekJson:
        return std::make_unique<ZeekJsonReader>();
    case LogFormat::PassiveDns:
        return std::make_unique<PassiveDnsReader>(passiveDnsLayout);
    case LogFormat::PassiveDnsJson:
        return std::make_unique<PassiveDnsJsonReader>(passiveDnsLayout);
    case LogFormat::Cof:
        return std::make_unique<CofReader>();
    }
    return nullptr;
}

void reportLineError(ObservationSink& sink, qint64 lineNumber, const QString& message)
{
    sink.addError(QStringLiteral("line %1").arg(lineNumber), message);
}

} // namespace pdnsw
