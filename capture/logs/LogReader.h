#pragma once

#include "capture/logs/LogFormat.h"
#include "capture/logs/PassiveDnsLayout.h"
#include "models/ObservationSink.h"

#include <QByteArrayView>

#include <memory>

namespace pdnsw {

// What became of one line.
enum class LineOutcome
{
    Imported, // produced observations (or an unanswered query); some parts may still have been reported
    Skipped, // a header, comment, blank line or a record with nothing to import
    Rejected, // the line is broken: reported through the sink's addError and skipped
    Stopped, // the sink asked to stop (cancelled, or the writer failed)
};

// Turns the lines of one log file into observations. A reader keeps the state a format needs between lines
// (Zeek's header, DNSDB's stream framing) and reports every problem as sink.addError("line N", "...").
// Readers never see the line terminator, NUL bytes or over-long lines: the importer deals with those.
class LogReader
{
public:
    virtual ~LogReader() = default;
    virtual LogFormat format() const = 0;
    // lineNumber counts from 1. The view is only valid during the call.
    virtual LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) = 0;
    // End of input after lastLine lines: report what only the end can tell (a stream without its terminator).
    virtual void finish(qint64 lastLine, ObservationSink& sink)
    {
        Q_UNUSED(lastLine);
        Q_UNUSED(sink);
    }
};

// `passiveDnsLayout`: how a passivedns sensor wrote its logs (the text columns, and its UTC offset, which JSON logs
// need too); see PassiveDnsReader and PassiveDnsJsonReader.
std::unique_ptr<LogReader> createLogReader(
    LogFormat format, const std::optional<PassiveDnsLayout>& passiveDnsLayout = std::nullopt);

// Shared by the readers: report a problem for a line.
void reportLineError(ObservationSink& sink, qint64 lineNumber, const QString& message);

} // namespace pdnsw
