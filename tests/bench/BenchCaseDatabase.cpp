// Case database benchmark: bulk insert of synthetic observations (rows/s) and the median time of a timeline
// query and of an "as of T" query for one name. Rows: PDNSW_BENCH_ROWS (default 10 M).
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/CaseSchema.h"
#include "models/ObservationWriter.h"
#include "models/SqlStatement.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>

using namespace pdnsw;

namespace {

qint64 envRows()
{
    const QByteArray v = qgetenv("PDNSW_BENCH_ROWS");
    return v.isEmpty() ? 10'000'000 : v.toLongLong();
}

// CPU time of this process (all its threads: the writer is pipelined): on a shared machine the wall clock also
// counts other processes' work. Only the timed parts run while it is read.
qint64 processCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// Names spread over zones like real traffic; each name has a few addresses over time and some a CNAME.
struct Generator
{
    qint64 names;
    QRandomGenerator random{20260101};

    QString name(qint64 i) const
    {
        return QStringLiteral("host%1.zone%2.example%3.com").arg(i).arg(i % 997).arg(i % 13);
    }

    // The r-th record of name i.
    Observation observation(qint64 i, int r, const QString& n) const
    {
        Observation o;
        o.rrname = n;
        if (r == 4 && i % 3 == 0) {
            o.rrtype = QStringLiteral("CNAME");
            o.rdata = name((i * 7 + 1) % names);
        } else if (r == 3) {
            o.rrtype = QStringLiteral("AAAA");
            o.rdata = QStringLiteral("2001:db8:%1::%2").arg(i % 65535, 0, 16).arg(r + 1, 0, 16);
        } else {
            o.rrtype = QStringLiteral("A");
            o.rdata = QStringLiteral("10.%1.%2.%3").arg((i >> 16) & 0xff).arg((i >> 8) & 0xff).arg((i + r) & 0xff);
        }
        const qint64 first = 1500000000 + (i % 1000) * 86400 + r * 3600;
        o.firstSeen = first;
        o.lastSeen = first + 86400 * (1 + r);
        o.count = 1 + (i % 50);
        o.ttlMin = 300;
        o.ttlMax = 300;
        return o;
    }
};

// What SQLite alone needs for the same end state, with none of the writer's work: the rows already UTF-8 and
// sorted by key, plain INSERTs (64 rows each) into the observations table with its indexes dropped, both indexes built
// once at the end. Returns the wall-clock seconds of that, the floor the writer is measured against.
double sqliteAloneSeconds(const Generator& gen, const std::vector<qint64>& order, const QString& path, qint64& rows)
{
    struct Row
    {
        std::uint32_t offset;
        std::uint16_t name, type, data;
        qint64 first, last, count;
    };
    std::string arena;
    std::vector<Row> encoded;
    for (qint64 i : order) {
        const QString n = gen.name(i);
        for (int r = 0; r < 5; ++r) {
            const Observation o = gen.observation(i, r, n);
            const QByteArray a = o.rrname.toUtf8(), b = o.rrtype.toUtf8(), c = o.rdata.toUtf8();
            encoded.push_back(Row{std::uint32_t(arena.size()), std::uint16_t(a.size()), std::uint16_t(b.size()),
                std::uint16_t(c.size()), *o.firstSeen, *o.lastSeen, *o.count});
            arena.append(a.constData(), a.size()).append(b.constData(), b.size()).append(c.constData(), c.size());
        }
    }
    auto key = [&](const Row& r) { return std::string_view(arena.data() + r.offset, r.name + r.type + r.data); };
    std::sort(encoded.begin(), encoded.end(), [&](const Row& x, const Row& y) {
        const std::string_view nx(arena.data() + x.offset, x.name), ny(arena.data() + y.offset, y.name);
        if (nx != ny)
            return nx < ny;
        return key(x).substr(x.name) < key(y).substr(y.name);
    });
    rows = qint64(encoded.size());

    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    if (!file)
        return 0;
    sqlite3* db = file->handle();
    QElapsedTimer timer;
    timer.start();
    execSql(db, "INSERT INTO sources(id, kind, label, imported_at) VALUES (1, 'bench', 'floor', 0)");
    dropDeferrableIndexes(db);
    execSql(db, "BEGIN");
    // 64 rows per statement, as the writer's bulk path does: one row per statement costs SQLite about 15 % more.
    constexpr std::size_t kRowsPerInsert = 64;
    auto insertSql = [](std::size_t rows) {
        QByteArray sql = "INSERT INTO observations(source_id, rrname, rrtype, rdata, section, first_seen, last_seen, "
                         "count, ttl_min, ttl_max) VALUES ";
        for (std::size_t r = 0; r < rows; ++r)
            sql += r == 0 ? "(1, ?, ?, ?, 0, ?, ?, ?, 300, 300)" : ",(1, ?, ?, ?, 0, ?, ?, ?, 300, 300)";
        return sql;
    };
    SqlStatement many(db, insertSql(kRowsPerInsert).constData());
    SqlStatement one(db, insertSql(1).constData());
    qint64 done = 0;
    for (std::size_t at = 0; at < encoded.size();) {
        const bool full = encoded.size() - at >= kRowsPerInsert;
        SqlStatement& insert = full ? many : one;
        const std::size_t rows = full ? kRowsPerInsert : 1;
        for (std::size_t k = 0; k < rows; ++k) {
            const Row& r = encoded[at + k];
            const char* p = arena.data() + r.offset;
            const int base = int(k) * 6;
            insert.bindTextStatic(base + 1, p, r.name);
            insert.bindTextStatic(base + 2, p + r.name, r.type);
            insert.bindTextStatic(base + 3, p + r.name + r.type, r.data);
            insert.bind(base + 4, r.first);
            insert.bind(base + 5, r.last);
            insert.bind(base + 6, r.count);
        }
        insert.exec();
        insert.reset();
        at += rows;
        if ((done += qint64(rows)) >= 500000) {
            done = 0;
            execSql(db, "COMMIT");
            execSql(db, "BEGIN");
        }
    }
    ensureCaseIndexes(db);
    execSql(db, "COMMIT");
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

class BenchCaseDatabase : public QObject
{
    Q_OBJECT
private slots:
    void insertAndQuery();
};

void BenchCaseDatabase::insertAndQuery()
{
    const qint64 rows = envRows();
    constexpr int kPerName = 5; // rdata per name (over all sources)
    const qint64 nameCount = std::max<qint64>(1, rows / kPerName);
    Generator gen{nameCount};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));

    // Prepare the observations outside the timed part, in the order a sensor would flush them (names shuffled).
    std::vector<qint64> order(static_cast<size_t>(nameCount));
    for (qint64 i = 0; i < nameCount; ++i)
        order[static_cast<size_t>(i)] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937_64(42));

    // Phase 1: one bulk import of most rows (a huge capture or log). Phase 2: a follow-up import of 2 % more
    // rows into the now large case, the everyday case of adding one more file.
    struct Phase
    {
        qint64 rows = 0;
        qint64 wallNs = 0;
        qint64 cpuNs = 0;
    };
    QElapsedTimer timer;
    const qint64 chunkNames = 200000;
    std::vector<Observation> chunk;
    auto importNames = [&](int sourceNumber, qint64 begin, qint64 end, Phase& phase) {
        // Each import opens the case anew, as the command line and the window's import job do: a follow-up
        // import starts with a cold page cache, not with the pages the previous import left behind.
        file.reset();
        CaseFile::Options options;
        options.runQuickCheck = false;
        file = CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error);
        QVERIFY2(file, qPrintable(error.message));
        ObservationWriter writer(*file, 50000);
        writer.setPipelined(true);
        SourceInfo info;
        info.kind = QStringLiteral("bench");
        info.label = QStringLiteral("sensor %1").arg(sourceNumber);
        info.sha256 = QStringLiteral("%1").arg(sourceNumber, 64, 16, QLatin1Char('0'));
        QCOMPARE(writer.beginSource(info, &error), ObservationWriter::Begin::Started);
        for (qint64 c = begin; c < end; c += chunkNames) {
            chunk.clear();
            for (qint64 k = c; k < std::min(end, c + chunkNames); ++k) {
                const qint64 i = order[static_cast<size_t>(k)];
                const QString n = gen.name(i);
                for (int r = 0; r < kPerName; ++r) {
                    Observation o = gen.observation(i, r, n);
                    chunk.push_back(std::move(o));
                }
            }
            timer.start();
            const qint64 cpu0 = processCpuNs();
            for (const Observation& o : chunk) {
                if (!writer.addObservation(o))
                    QFAIL(qPrintable(writer.lastError().message));
            }
            QVERIFY(writer.flush(&error));
            phase.wallNs += timer.nsecsElapsed();
            phase.cpuNs += processCpuNs() - cpu0;
            phase.rows += qint64(chunk.size());
        }
        timer.start();
        const qint64 cpu0 = processCpuNs();
        QVERIFY(writer.finish(true, {}, &error)); // includes rebuilding a deferred index
        phase.wallNs += timer.nsecsElapsed();
        phase.cpuNs += processCpuNs() - cpu0;
    };
    const qint64 split = nameCount * 98 / 100;
    Phase bulk;
    Phase incremental;
    importNames(1, 0, split, bulk);
    importNames(2, split, nameCount, incremental);
    const qint64 written = bulk.rows + incremental.rows;
    const auto rate = [](qint64 rows, qint64 ns) { return ns > 0 ? double(rows) / (double(ns) / 1e9) : 0.0; };
    const double insertSeconds = double(bulk.wallNs + incremental.wallNs) / 1e9;
    const double rowsPerSecond = rate(written, bulk.wallNs + incremental.wallNs);
    const double rowsPerCpuSecond = rate(written, bulk.cpuNs + incremental.cpuNs);

    qint64 floorRows = 0;
    const double floorSeconds
        = sqliteAloneSeconds(gen, order, dir.filePath(QStringLiteral("floor.pdnscase")), floorRows);
    QVERIFY(floorSeconds > 0);
    const double floorRate = double(floorRows) / floorSeconds;

    auto reader = CaseReader::open(path, &error);
    QVERIFY(reader);
    QList<double> timelineMs;
    QList<double> asOfMs;
    QRandomGenerator pick(7);
    qint64 found = 0;
    for (int q = 0; q < 200; ++q) {
        const QString name = gen.name(qint64(pick.bounded(quint64(nameCount))));
        timer.start();
        const auto rowsForName = reader->timeline(name);
        timelineMs.append(double(timer.nsecsElapsed()) / 1e6);
        found += rowsForName.size();
        timer.start();
        const auto asOf = reader->asOf(name, 1500000000 + 500 * 86400);
        asOfMs.append(double(timer.nsecsElapsed()) / 1e6);
    }
    QVERIFY(found > 0);
    const double timelineMedian = median(timelineMs);
    const double asOfMedian = median(asOfMs);
    std::printf("\n== case database benchmark ==\n"
                "rows inserted:        %lld (%lld names)\n"
                "insert time:          %.2f s\n"
                "insert rate:          %.0f rows/s wall clock (goal >= 500000)\n"
                "insert rate (CPU):    %.0f rows per CPU second (both threads of the pipelined writer)\n"
                "  bulk import:        %lld rows, %.0f rows/s wall, %.0f rows/CPU-s\n"
                "  follow-up import:   %lld rows into the large case, %.0f rows/s wall, %.0f rows/CPU-s\n"
                "SQLite alone:         %.0f rows/s (same rows pre-encoded and sorted, plain INSERTs of 64 rows,\n"
                "                      indexes built once at the end); the writer reaches %.0f %% of that\n"
                "timeline query:       median %.3f ms over 200 names (goal <= 10 ms)\n"
                "as-of query:          median %.3f ms over 200 names (goal <= 10 ms)\n",
        static_cast<long long>(written), static_cast<long long>(nameCount), insertSeconds, rowsPerSecond,
        rowsPerCpuSecond, static_cast<long long>(bulk.rows), rate(bulk.rows, bulk.wallNs), rate(bulk.rows, bulk.cpuNs),
        static_cast<long long>(incremental.rows), rate(incremental.rows, incremental.wallNs),
        rate(incremental.rows, incremental.cpuNs), floorRate, 100.0 * rowsPerSecond / floorRate, timelineMedian,
        asOfMedian);
    std::fflush(stdout);
    QVERIFY(timelineMedian > 0);
}

QTEST_GUILESS_MAIN(BenchCaseDatabase)
#include "BenchCaseDatabase.moc"
