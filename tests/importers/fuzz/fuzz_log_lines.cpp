// libFuzzer entry point for the log readers (Zeek TSV and JSON, passivedns text and JSON, COF NDJSON): the bytes
// go through LogLineStream, the same splitter, readers and counting an import runs. Built as a libFuzzer target
// with PDNSW_ENABLE_FUZZING=ON under clang, and always linked into fuzz_log_seed_runner. Every invariant failure
// aborts, which both harnesses report as a crash.
//
// The first byte picks the format (detected from the bytes, or forced, so every reader sees every input; passivedns
// text and JSON also as written by sensors run with -f/-d or in local time) and a chunk size; the rest is the log.

#include "CollectingSink.h"
#include "capture/logs/LogLineStream.h"
#include "fuzz/FuzzObservationChecks.h"

#include <QByteArray>
#include <QRegularExpression>

#include <optional>

using namespace pdnsw;

namespace {

[[noreturn]] void fail(const char* what, const QString& detail)
{
    fuzz::fail("fuzz_log_lines", what, detail);
}

struct Run
{
    test::CollectingSink sink;
    LogImportStats stats;
    bool finished = false;
};

// One pass over the log, handed over in pieces of chunk bytes (0: all at once).
void runStream(
    LogFormat format, const std::optional<PassiveDnsLayout>& layout, QByteArrayView log, qsizetype chunk, Run& run)
{
    LogImportOptions options;
    options.passiveDnsLayout = layout;
    options.maxLineBytes = 2048; // small, so over-long lines happen often
    options.maxErrorMessages = 5;
    LogLineStream stream(format, run.sink, run.stats, QStringLiteral("fuzz.log"), options);
    bool going = true;
    if (chunk <= 0) {
        going = stream.feed(log);
    } else {
        for (qsizetype at = 0; going && at < log.size(); at += chunk)
            going = stream.feed(log.sliced(at, std::min(chunk, log.size() - at)));
    }
    run.finished = going && stream.finish();
}

QString fingerprint(const Run& run)
{
    QStringList parts{QString::number(run.stats.linesRead), QString::number(run.stats.observations),
        QString::number(run.stats.unansweredQueries), QString::number(run.stats.rejectedLines),
        QString::number(run.stats.skippedLines), QString::number(run.stats.errorCount), run.finished ? "F" : "-"};
    parts += test::describeAll(run.sink.observations);
    parts += run.sink.unanswered;
    for (const auto& [where, message] : run.sink.errors)
        parts += where + u' ' + message;
    return parts.join(u'\n');
}

using fuzz::printable;

void checkRun(const Run& run)
{
    static const QRegularExpression position(QStringLiteral("^line (\\d+)$"));
    const LogImportStats& s = run.stats;
    if (!run.finished)
        fail("a stream the sink never refused did not finish", fingerprint(run));
    if (qint64(run.sink.observations.size()) != s.observations)
        fail("observations counted", QString::number(s.observations));
    if (qint64(run.sink.unanswered.size()) != s.unansweredQueries)
        fail("unanswered queries counted", QString::number(s.unansweredQueries));
    if (qint64(run.sink.errors.size()) != s.errorCount)
        fail("errors counted", QString::number(s.errorCount));
    if (s.errors.size() > 5 || s.errors.size() > s.errorCount)
        fail("kept error messages", QString::number(s.errors.size()));
    if (s.rejectedLines + s.skippedLines > s.linesRead || s.rejectedLines > s.errorCount)
        fail("line counts", fingerprint(run));
    for (const auto& [where, message] : run.sink.errors) {
        const auto match = position.match(where);
        if (!match.hasMatch())
            fail("error position", where);
        const qint64 line = match.captured(1).toLongLong();
        if (line < 1 || line > s.linesRead)
            fail("error line outside the input", where);
        if (message.isEmpty() || !printable(message))
            fail("error message", message);
    }
    for (const Observation& o : run.sink.observations) {
        if (const char* broken = fuzz::brokenObservationPromise(o))
            fail(broken, test::describe(o));
    }
    for (const QString& u : run.sink.unanswered) {
        if (u.isEmpty() || u.startsWith(u' ') || !printable(u))
            fail("unanswered query", u);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const LogFormat kFormats[]
        = {LogFormat::ZeekTsv, LogFormat::ZeekJson, LogFormat::PassiveDns, LogFormat::PassiveDnsJson, LogFormat::Cof};
    const QByteArrayView log(reinterpret_cast<const char*>(data) + 1, static_cast<qsizetype>(size - 1));
    const unsigned pick = data[0] & 7u;
    std::optional<LogFormat> format;
    std::optional<PassiveDnsLayout> layout;
    if (pick < 5) {
        format = kFormats[pick];
    } else if (pick == 5 || pick == 6) {
        // How a sensor wrote its logs: every column in local time, the fewest, the default fields with another
        // delimiter and a UTC offset, a long delimiter. Text reads the columns; JSON takes only the offset.
        static const std::optional<PassiveDnsLayout> kLayouts[] = {
            PassiveDnsLayout::parse(u"HhcwsWpCQLTAltn", u"\t", u"+01:00", nullptr),
            PassiveDnsLayout::parse(u"SQTA", u";", u"", nullptr),
            PassiveDnsLayout::parse(u"SMcsCQTAtn", u"|", u"-05:30", nullptr),
            PassiveDnsLayout::parse(u"SMsQTAn", u"##", u"", nullptr),
        };
        format = pick == 5 ? LogFormat::PassiveDns : LogFormat::PassiveDnsJson;
        layout = kLayouts[(data[0] >> 3) & 3u];
        if (!layout)
            fail("a fixed layout did not parse", QString());
    } else
        format = detectLogFormat(log.first(std::min<qsizetype>(log.size(), LogImporter::kDetectBytes)).toByteArray());
    if (!format)
        return 0; // nothing looks like a log: the importer refuses the file with a message
    const qsizetype chunk = 1 + (data[0] >> 3) * 13;

    Run whole;
    runStream(*format, layout, log, 0, whole);
    checkRun(whole);
    // Where the reads happen to cut the file must not change what is imported.
    Run pieces;
    runStream(*format, layout, log, chunk, pieces);
    if (fingerprint(whole) != fingerprint(pieces))
        fail("chunked and whole input differ", QStringLiteral("chunk %1").arg(chunk));
    return 0;
}
