#include "capture/logs/LogLineStream.h"

#include "capture/logs/LogFieldText.h"

namespace pdnsw {

// Counts what the reader produces and keeps the first error messages, then passes everything on.
class LogLineStream::CountingSink : public ObservationSink
{
public:
    CountingSink(ObservationSink& target, LogImportStats& stats, QString fileLabel, int maxMessages)
        : m_target(target)
        , m_stats(stats)
        , m_fileLabel(std::move(fileLabel))
        , m_maxMessages(maxMessages)
    {
    }

    bool addObservation(const Observation& observation) override
    {
        ++m_stats.observations;
        return m_target.addObservation(observation);
    }
    bool addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64 time) override
    {
        ++m_stats.unansweredQueries;
        return m_target.addUnansweredQuery(rrname, rrtype, time);
    }
    void addError(const QString& position, const QString& message) override
    {
        ++m_stats.errorCount;
        if (m_stats.errors.size() < m_maxMessages)
            m_stats.errors.append(QStringLiteral("%1 %2: %3").arg(m_fileLabel, position, message));
        m_target.addError(position, message);
    }

private:
    ObservationSink& m_target;
    LogImportStats& m_stats;
    QString m_fileLabel;
    int m_maxMessages;
};

LogLineStream::LogLineStream(LogFormat format, ObservationSink& sink, LogImportStats& stats, const QString& fileLabel,
    const LogImportOptions& options, const std::atomic<bool>* cancel)
    : m_stats(stats)
    , m_counting(std::make_unique<CountingSink>(sink, stats, fileLabel, options.maxErrorMessages))
    , m_reader(createLogReader(format, options.passiveDnsLayout))
    , m_splitter(options.maxLineBytes)
    , m_maxLineBytes(options.maxLineBytes)
    , m_cancel(cancel)
{
}

LogLineStream::~LogLineStream() = default;

bool LogLineStream::feed(QByteArrayView chunk)
{
    if (m_stats.stoppedBySink || m_stats.cancelled)
        return false;
    return m_splitter.feed(chunk, [this](const LogLineSplitter::Line& line) { return onLine(line); });
}

bool LogLineStream::finish()
{
    if (m_stats.stoppedBySink || m_stats.cancelled)
        return false;
    if (!m_splitter.finish([this](const LogLineSplitter::Line& line) { return onLine(line); }))
        return false;
    m_reader->finish(m_stats.linesRead, *m_counting);
    return !m_stats.stoppedBySink;
}

bool LogLineStream::onLine(const LogLineSplitter::Line& line)
{
    ++m_stats.linesRead;
    LineOutcome outcome = LineOutcome::Rejected;
    if (line.overLong) {
        reportLineError(*m_counting, line.number,
            QStringLiteral("the line is %1 bytes long, more than the limit of %2; it is skipped")
                .arg(line.length)
                .arg(m_maxLineBytes));
    } else {
        QByteArrayView bytes = line.bytes;
        if (line.number == 1 && bytes.startsWith(QByteArrayView("\xEF\xBB\xBF")))
            bytes = viewMid(bytes, 3); // UTF-8 byte order mark written by some editors
        if (bytes.contains('\0')) {
            reportLineError(*m_counting, line.number,
                QStringLiteral("the line contains NUL bytes (binary data, or a file cut while "
                               "written?); it is skipped"));
        } else {
            outcome = m_reader->readLine(bytes, line.number, *m_counting);
        }
    }
    switch (outcome) {
    case LineOutcome::Imported:
        break;
    case LineOutcome::Skipped:
        ++m_stats.skippedLines;
        break;
    case LineOutcome::Rejected:
        ++m_stats.rejectedLines;
        break;
    case LineOutcome::Stopped:
        m_stats.stoppedBySink = true;
        return false;
    }
    if ((m_stats.linesRead & 4095) == 0 && m_cancel && m_cancel->load(std::memory_order_relaxed)) {
        m_stats.cancelled = true;
        return false;
    }
    return true;
}

} // namespace pdnsw
