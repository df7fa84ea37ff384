#pragma once

#include "capture/logs/LogFormat.h"
#include "capture/logs/LogImporter.h"
#include "capture/logs/LogLineSplitter.h"
#include "capture/logs/LogReader.h"

#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <memory>

namespace pdnsw {

// The bytes of one log, in chunks of any size, through the line splitter and the format's reader into a sink,
// with every line counted in the stats: what LogImporter does between reading and hashing the file. Holds no
// file, so the fuzz target drives exactly the code an import runs.
class LogLineStream
{
public:
    // fileLabel prefixes the error messages kept in stats.errors; options gives the line and message limits.
    LogLineStream(LogFormat format, ObservationSink& sink, LogImportStats& stats, const QString& fileLabel,
        const LogImportOptions& options, const std::atomic<bool>* cancel = nullptr);
    ~LogLineStream();

    // False once the stream stopped: the sink refused (stats.stoppedBySink) or the cancel flag was set
    // (stats.cancelled). Nothing is read after that.
    bool feed(QByteArrayView chunk);
    // The end of the input: the last line without a terminator, then what only the end tells the reader.
    bool finish();

private:
    bool onLine(const LogLineSplitter::Line& line);

    class CountingSink;
    LogImportStats& m_stats;
    std::unique_ptr<CountingSink> m_counting;
    std::unique_ptr<LogReader> m_reader;
    LogLineSplitter m_splitter;
    qsizetype m_maxLineBytes;
    const std::atomic<bool>* m_cancel;
};

} // namespace pdnsw
